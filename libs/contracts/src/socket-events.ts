import type { Presence } from './auth.js';
import type { ConversationActivityView } from './conversation-activity.js';
import type { ConversationView, MessageView } from './conversations.js';
import type { TicketView } from './tickets.js';

/**
 * What changes on an agent's screen, pushed over Socket.IO (RT1). Every one is written to the server's event
 * log first and carries its `seq`: one number for the whole installation, increasing in commit order. A
 * console keeps the last `seq` it applied, drops anything at or below it (a duplicate), and after a
 * reconnection asks for what it missed with `live.catch-up` (RT2).
 *
 * Who receives what (rooms, re-checked against the user's current scope):
 * - `message.created`, `conversation.updated`, and `message.updated` of a customer's message (its media
 *   arrived): everyone who may see the conversation's channel, and the sockets viewing the conversation;
 * - `message.updated` of an agent's reply (queued, retrying, sent, failed): only the sockets viewing the
 *   conversation (`conversation.join`) and the agent who wrote it;
 * - `presence.changed`: the user and the members of their departments (supervisors watch their teams);
 * - `ticket.created`, `ticket.updated`: everyone who may see one of the ticket's conversations' channels.
 * - `conversation.activity` (a line of its activity: assigned, transferred, closed…): like `conversation.updated`.
 */
export interface LiveEventPayloads {
  'message.created': { conversationId: string; message: MessageView };
  'message.updated': { conversationId: string; message: MessageView };
  'conversation.updated': { conversation: ConversationView };
  'presence.changed': { userId: string; presence: Presence; reason: 'chosen' | 'idle' | null };
  'ticket.created': { ticket: TicketView };
  'ticket.updated': { ticket: TicketView };
  'conversation.activity': { conversationId: string; activity: ConversationActivityView };
}

export type LiveEventName = keyof LiveEventPayloads;

/** A live event's payload with its place in the event log. */
export type Sequenced<T> = T & { seq: number };

export type LivePayload<E extends LiveEventName> = Sequenced<LiveEventPayloads[E]>;

/** One event from the log, as `live.catch-up` returns it: the same payload the socket event would carry. */
export type LiveEventRecord = {
  [E in LiveEventName]: { event: E; payload: LivePayload<E> };
}[LiveEventName];

/** Events the server pushes to agents. The handshake sends `auth: { token }` (a session token). */
export type ServerToClientEvents = { [E in LiveEventName]: (payload: LivePayload<E>) => void };

/** Why the server cannot replay what a console missed; the console reloads its views instead. */
export type ResyncReason =
  /** The console has no `seq` yet (first connection, or a `since` that is not a whole number ≥ 0). */
  | 'no-position'
  /** Its `seq` is older than the log's retention: the events after it were pruned. */
  | 'expired'
  /** Its `seq` is ahead of the log: it comes from another installation or from before a database restore. */
  | 'unknown-position'
  /** More was missed than is worth replaying (more than `CATCH_UP_LIMIT` events for this user). */
  | 'too-many';

/** The most events `live.catch-up` replays; beyond it reloading the views is cheaper. */
export const CATCH_UP_LIMIT = 1000;

export type CatchUpResult =
  /**
   * Everything after `since` that this user may see now, in `seq` order. `head` is the log's last `seq` when
   * the server looked: continue from it (nothing up to it that you may see is left out).
   */
  | { status: 'events'; events: LiveEventRecord[]; head: number }
  /** Reload the views, then continue from `head`. */
  | { status: 'resync'; reason: ResyncReason; head: number };

export interface LiveError {
  /** One of the API's error codes (`not_found`, `forbidden`, `validation_failed`, `too_many_attempts`…). */
  code: string;
  message: string;
}

export type JoinResult = { ok: true } | { ok: false; error: LiveError };

/** Events agents send to the server. Those with a callback are answered (Socket.IO acknowledgements). */
export interface ClientToServerEvents {
  /**
   * The agent is typing in this conversation: the customer sees "typing" (OA9). Send it while typing, at
   * most every few seconds; the server throttles it to the platform's rules and drops it outside the window.
   */
  'conversation.typing': (payload: { conversationId: string }) => void;
  /**
   * Viewing a conversation: the delivery updates of its replies come to this socket too. Checked against what the
   * user may see now (refused with `not_found` otherwise). Join before loading the history, or load it again
   * after the answer, so that nothing falls between the two.
   */
  'conversation.join': (payload: { conversationId: string }, ack: (result: JoinResult) => void) => void;
  'conversation.leave': (payload: { conversationId: string }, ack: (result: JoinResult) => void) => void;
  /**
   * After (re)connecting, and after re-joining the conversation being viewed: what was missed since `since`
   * (the last `seq` applied; `null` on a first connection).
   */
  'live.catch-up': (payload: { since: number | null }, ack: (result: CatchUpResult) => void) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
