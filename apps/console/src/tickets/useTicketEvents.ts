import type { TicketView } from '#contracts';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { connectDeskSocket } from '../api/socket';
import type { LiveStatus } from '../live/useLiveUpdates';

export type TicketLiveEvent =
  | { type: 'ticket'; ticket: TicketView; created: boolean }
  | { type: 'message'; conversationId: string }
  /** (Re)connected: whatever happened meanwhile has to be fetched again. */
  | { type: 'connected' };

export interface TicketLive {
  status: LiveStatus;
  subscribe(listener: (event: TicketLiveEvent) => void): () => void;
}

const MAX_RETRY_DELAY_MS = 15_000;

/**
 * The tickets screens' own live connection (the inbox has its own; only one of them is on screen): ticket
 * events, and new messages for an open ticket's thread.
 */
export function useTicketEvents(token: string, onUnauthorized: () => void): TicketLive {
  const listeners = useMemo(() => new Set<(event: TicketLiveEvent) => void>(), []);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const unauthorized = useRef(onUnauthorized);
  useLayoutEffect(() => {
    unauthorized.current = onUnauthorized;
  });

  useEffect(() => {
    const socket = connectDeskSocket(token);
    const emit = (event: TicketLiveEvent) => listeners.forEach((listener) => listener(event));
    let retryTimer: number | undefined;
    let failures = 0;
    let closed = false;
    socket.on('connect', () => {
      failures = 0;
      setStatus('connected');
      emit({ type: 'connected' });
    });
    socket.on('disconnect', (reason) => {
      if (closed) return;
      setStatus('reconnecting');
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') return unauthorized.current();
      setStatus((current) => (current === 'connected' ? 'reconnecting' : current));
      if (!socket.active) {
        retryTimer = window.setTimeout(
          () => socket.connect(),
          Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** failures++),
        );
      }
    });
    socket.on('ticket.created', ({ ticket }) => emit({ type: 'ticket', ticket, created: true }));
    socket.on('ticket.updated', ({ ticket }) => emit({ type: 'ticket', ticket, created: false }));
    socket.on('message.created', ({ conversationId }) => emit({ type: 'message', conversationId }));
    socket.on('message.updated', ({ conversationId }) => emit({ type: 'message', conversationId }));
    return () => {
      closed = true;
      window.clearTimeout(retryTimer);
      socket.disconnect();
    };
  }, [token, listeners]);

  return useMemo(
    () => ({
      status,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
    [status, listeners],
  );
}
