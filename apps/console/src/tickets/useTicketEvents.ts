import type { TicketView } from '#contracts';
import { useMemo } from 'react';
import { useLiveUpdates, type LiveStatus } from '../live/useLiveUpdates';

export type TicketLiveEvent =
  | { type: 'ticket'; ticket: TicketView; created: boolean }
  | { type: 'message'; conversationId: string }
  /** What is on screen must be loaded again (a first connection, or more was missed than can be replayed). */
  | { type: 'connected' };

export interface TicketLive {
  status: LiveStatus;
  backOnline: boolean;
  subscribe(listener: (event: TicketLiveEvent) => void): () => void;
}

/**
 * The tickets screens' live updates, on the console's one kind of live connection (with its catch-up after a
 * reconnection): ticket events, and new messages for an open ticket's thread. Only one of the inbox and the
 * tickets is on screen, so each opens its own.
 */
export function useTicketEvents(token: string, onUnauthorized: () => void): TicketLive {
  const listeners = useMemo(() => new Set<(event: TicketLiveEvent) => void>(), []);
  const emit = (event: TicketLiveEvent) => listeners.forEach((listener) => listener(event));
  const live = useLiveUpdates(token, {
    onResync: () => emit({ type: 'connected' }),
    onUnauthorized,
    onMessageCreated: ({ conversationId }) => emit({ type: 'message', conversationId }),
    onMessageUpdated: ({ conversationId }) => emit({ type: 'message', conversationId }),
    onConversationUpdated: () => undefined,
    onTicketCreated: ({ ticket }) => emit({ type: 'ticket', ticket, created: true }),
    onTicketUpdated: ({ ticket }) => emit({ type: 'ticket', ticket, created: false }),
  });

  return useMemo(
    () => ({
      status: live.status,
      backOnline: live.backOnline,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
    [live.status, live.backOnline, listeners],
  );
}
