import type { ServerToClientEvents } from '#contracts';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { connectDeskSocket, type DeskSocket } from '../api/socket';

export type LiveStatus = 'connecting' | 'connected' | 'reconnecting';

type EventPayload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

export interface LiveHandlers {
  /** Every successful (re)connection: whatever happened while we were away must be fetched again (RT2). */
  onConnected(): void;
  /** The server refused the session in the handshake. */
  onUnauthorized(): void;
  onMessageCreated(payload: EventPayload<'message.created'>): void;
  onMessageUpdated(payload: EventPayload<'message.updated'>): void;
  onConversationUpdated(payload: EventPayload<'conversation.updated'>): void;
}

const MAX_RETRY_DELAY_MS = 15_000;

export interface LiveConnection {
  status: LiveStatus;
  /** Tells the server the agent is typing in a conversation; dropped while disconnected. */
  typing(conversationId: string): void;
}

/** One Socket.IO connection for the signed-in agent, kept alive for as long as the session lasts. */
export function useLiveUpdates(token: string, handlers: LiveHandlers): LiveConnection {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const current = useRef<DeskSocket | null>(null);
  const typing = useCallback((conversationId: string) => {
    const socket = current.current;
    if (socket?.connected) socket.emit('conversation.typing', { conversationId });
  }, []);

  useEffect(() => {
    const socket = connectDeskSocket(token);
    current.current = socket;
    let retryTimer: number | undefined;
    let failures = 0;
    let closed = false;

    socket.on('connect', () => {
      failures = 0;
      setStatus('connected');
      latest.current.onConnected();
    });
    socket.on('disconnect', (reason) => {
      if (closed) return;
      setStatus('reconnecting');
      // The server dropped us on purpose (e.g. the session was revoked): the next handshake says why.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') {
        latest.current.onUnauthorized();
        return;
      }
      setStatus((current) => (current === 'connected' ? 'reconnecting' : current));
      // Refused by the server's middleware: Socket.IO does not retry that by itself.
      if (!socket.active) {
        const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** failures++);
        retryTimer = window.setTimeout(() => socket.connect(), delay);
      }
    });
    socket.on('message.created', (payload) => latest.current.onMessageCreated(payload));
    socket.on('message.updated', (payload) => latest.current.onMessageUpdated(payload));
    socket.on('conversation.updated', (payload) => latest.current.onConversationUpdated(payload));

    return () => {
      closed = true;
      current.current = null;
      window.clearTimeout(retryTimer);
      socket.disconnect();
    };
  }, [token]);

  return { status, typing };
}
