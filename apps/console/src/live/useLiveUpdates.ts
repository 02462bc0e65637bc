import type { CatchUpResult, JoinResult, LiveEventName, LiveEventRecord, LivePayload } from '#contracts';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { connectDeskSocket, type DeskSocket } from '../api/socket';
import { LiveSequence } from './live-sequence';

/**
 * `connecting`: the first connection; `reconnecting`: the connection was lost (nothing arrives meanwhile);
 * `catching-up`: connected again, fetching what was missed; `connected`: live.
 */
export type LiveStatus = 'connecting' | 'reconnecting' | 'catching-up' | 'connected';

export interface LiveHandlers {
  /** The views must be loaded again: a first connection, or more was missed than can be replayed (RT2). */
  onResync(): void;
  /** The server refused the session in the handshake. */
  onUnauthorized(): void;
  onMessageCreated(payload: LivePayload<'message.created'>): void;
  onMessageUpdated(payload: LivePayload<'message.updated'>): void;
  onConversationUpdated(payload: LivePayload<'conversation.updated'>): void;
  onPresenceChanged?(payload: LivePayload<'presence.changed'>): void;
  onTicketCreated?(payload: LivePayload<'ticket.created'>): void;
  onTicketUpdated?(payload: LivePayload<'ticket.updated'>): void;
  onConversationActivity?(payload: LivePayload<'conversation.activity'>): void;
}

const MAX_RETRY_DELAY_MS = 15_000;
const ANSWER_TIMEOUT_MS = 10_000;
/** How long "Back online" stays after a reconnection has caught up. */
const BACK_ONLINE_MS = 4_000;
const LIVE_EVENTS: LiveEventName[] = [
  'message.created',
  'message.updated',
  'conversation.updated',
  'presence.changed',
  'ticket.created',
  'ticket.updated',
  'conversation.activity',
];

export interface LiveConnection {
  status: LiveStatus;
  /** True for a few seconds after a lost connection came back and caught up. */
  backOnline: boolean;
  /** Tells the server the agent is typing in a conversation; dropped while disconnected. */
  typing(conversationId: string): void;
  /**
   * The conversation on screen (null: none): its delivery updates come to this connection. Resolves true
   * once the server has joined it (load the history again then), false when offline or refused.
   */
  watch(conversationId: string | null): Promise<boolean>;
}

function dispatch(handlers: LiveHandlers, record: LiveEventRecord): void {
  switch (record.event) {
    case 'message.created':
      return handlers.onMessageCreated(record.payload);
    case 'message.updated':
      return handlers.onMessageUpdated(record.payload);
    case 'conversation.updated':
      return handlers.onConversationUpdated(record.payload);
    case 'presence.changed':
      return handlers.onPresenceChanged?.(record.payload);
    case 'ticket.created':
      return handlers.onTicketCreated?.(record.payload);
    case 'ticket.updated':
      return handlers.onTicketUpdated?.(record.payload);
    case 'conversation.activity':
      return handlers.onConversationActivity?.(record.payload);
  }
}

async function join(socket: DeskSocket, conversationId: string): Promise<boolean> {
  const result: JoinResult = await socket
    .timeout(ANSWER_TIMEOUT_MS)
    .emitWithAck('conversation.join', { conversationId });
  return result.ok;
}

/**
 * One Socket.IO connection for the signed-in agent, kept alive for as long as the session lasts. After every
 * (re)connection it re-joins the conversation on screen, then asks for what it missed since the last event it
 * applied, and applies that before anything newer (RT2).
 */
export function useLiveUpdates(token: string, handlers: LiveHandlers): LiveConnection {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [backOnline, setBackOnline] = useState(false);
  const current = useRef<DeskSocket | null>(null);
  const watching = useRef<string | null>(null);

  const typing = useCallback((conversationId: string) => {
    const socket = current.current;
    if (socket?.connected) socket.emit('conversation.typing', { conversationId });
  }, []);

  const watch = useCallback(async (conversationId: string | null) => {
    const previous = watching.current;
    watching.current = conversationId;
    const socket = current.current;
    if (!socket?.connected || previous === conversationId) return false;
    if (previous) socket.emit('conversation.leave', { conversationId: previous }, () => undefined);
    if (!conversationId) return false;
    try {
      return await join(socket, conversationId);
    } catch {
      return false;
    }
  }, []);

  useEffect(() => {
    const socket = connectDeskSocket(token);
    current.current = socket;
    const sequence = new LiveSequence();
    let retryTimer: number | undefined;
    let backOnlineTimer: number | undefined;
    let failures = 0;
    let closed = false;
    let everConnected = false;
    let attempt = 0;

    const apply = (records: LiveEventRecord[]) => {
      for (const record of records) dispatch(latest.current, record);
    };

    const catchUp = async () => {
      const mine = ++attempt;
      const since = sequence.beginCatchUp();
      const reconnected = everConnected;
      setStatus(reconnected ? 'catching-up' : 'connecting');
      let result: CatchUpResult;
      try {
        const conversationId = watching.current;
        if (conversationId) await join(socket, conversationId).catch(() => false);
        result = await socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('live.catch-up', { since });
      } catch {
        // No answer: start over on a fresh connection rather than guess what was missed.
        if (mine === attempt && socket.connected && !closed) socket.disconnect().connect();
        return;
      }
      if (mine !== attempt || closed) return;
      const outcome = sequence.finishCatchUp(result);
      if (outcome.resync) latest.current.onResync();
      apply(outcome.apply);
      everConnected = true;
      setStatus('connected');
      if (reconnected) {
        setBackOnline(true);
        window.clearTimeout(backOnlineTimer);
        backOnlineTimer = window.setTimeout(() => setBackOnline(false), BACK_ONLINE_MS);
      }
    };

    socket.on('connect', () => {
      failures = 0;
      void catchUp();
    });
    socket.on('disconnect', (reason) => {
      if (closed) return;
      attempt++;
      setBackOnline(false);
      setStatus(everConnected ? 'reconnecting' : 'connecting');
      // The server dropped us on purpose (e.g. the scope changed): the next handshake says why.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') {
        latest.current.onUnauthorized();
        return;
      }
      // Refused by the server's middleware: Socket.IO does not retry that by itself.
      if (!socket.active) {
        const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** failures++);
        retryTimer = window.setTimeout(() => socket.connect(), delay);
      }
    });
    for (const event of LIVE_EVENTS) {
      socket.on(event, (payload: LiveEventRecord['payload']) =>
        apply(sequence.receive({ event, payload } as LiveEventRecord)),
      );
    }

    return () => {
      closed = true;
      current.current = null;
      window.clearTimeout(retryTimer);
      window.clearTimeout(backOnlineTimer);
      socket.disconnect();
    };
  }, [token]);

  return { status, backOnline, typing, watch };
}
