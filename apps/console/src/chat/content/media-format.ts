/** "136 KB", "2.4 MB": sizes as people read them. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A link opens only if it is plainly a web link: a customer can send `javascript:` as a "URL". */
export function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Coordinates to six places (about 10 cm), or null when WeChat sent none. */
export function formatCoordinates(latitude: number | null, longitude: number | null): string | null {
  if (latitude === null || longitude === null) return null;
  return `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`;
}

export function mapLinks(latitude: number, longitude: number, label: string) {
  return {
    // WeChat reports mainland locations in GCJ-02, the coordinate system Amap uses.
    amap: `https://uri.amap.com/marker?position=${longitude},${latitude}&name=${encodeURIComponent(label || 'Location')}&coordinate=gaode`,
    openStreetMap: `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`,
  };
}
