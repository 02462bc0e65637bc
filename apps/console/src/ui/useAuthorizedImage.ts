import { useEffect, useState } from 'react';

/** Object URLs of images already fetched, by URL (icon URLs change when the icon does, so they never go stale). */
const cache = new Map<string, Promise<string>>();

/**
 * An image that needs the session's bearer token (an <img> cannot send one), fetched once per URL and shown
 * from memory afterwards. null while it loads or when it cannot be fetched.
 */
export function useAuthorizedImage(
  url: string | null,
  fetchImage: (url: string) => Promise<Blob>,
): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!url) {
      setSrc(null);
      return;
    }
    let current = true;
    let pending = cache.get(url);
    if (!pending) {
      pending = fetchImage(url).then((blob) => URL.createObjectURL(blob));
      pending.catch(() => cache.delete(url));
      cache.set(url, pending);
    }
    pending.then(
      (objectUrl) => current && setSrc(objectUrl),
      () => current && setSrc(null),
    );
    return () => {
      current = false;
    };
  }, [url, fetchImage]);
  return src;
}
