import type { MediaView } from '#contracts';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { DeskApi } from '../api/desk-api';

/** Renew the ticket this long before it expires, so a src never carries an expired one. */
const RENEW_BEFORE_MS = 5 * 60_000;
const RETRY_MS = 15_000;

const TicketContext = createContext<string | null>(null);

/**
 * `<img>`, `<audio>` and `<video>` cannot send the bearer header (it lives in sessionStorage, not a
 * cookie), so media URLs carry a short-lived ticket for this session, renewed in the background.
 */
export function MediaAccessProvider({ api, children }: { api: DeskApi; children: ReactNode }) {
  const [ticket, setTicket] = useState<string | null>(null);

  useEffect(() => {
    let timer: number | undefined;
    let cancelled = false;
    const renew = () => {
      api.createMediaTicket().then(
        (issued) => {
          if (cancelled) return;
          setTicket(issued.ticket);
          const wait = Date.parse(issued.expiresAt) - Date.now() - RENEW_BEFORE_MS;
          timer = window.setTimeout(renew, Math.max(wait, RETRY_MS));
        },
        () => {
          if (!cancelled) timer = window.setTimeout(renew, RETRY_MS);
        },
      );
    };
    renew();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api]);

  return <TicketContext.Provider value={ticket}>{children}</TicketContext.Provider>;
}

/** A URL the browser can load for this file, or null while it is not ready (or the ticket is on its way). */
export function useMediaSrc(media: MediaView | null | undefined): string | null {
  const ticket = useContext(TicketContext);
  if (!media || media.state !== 'ready' || !media.url || !ticket) return null;
  return `${media.url}?access=${encodeURIComponent(ticket)}`;
}
