import type { ConversationView, MessageView } from './conversations.js';
import type { TicketView } from './tickets.js';

/** Events the server pushes to agents over Socket.IO. The handshake sends `auth: { token }`. */
export interface ServerToClientEvents {
  'message.created': (payload: { conversationId: string; message: MessageView }) => void;
  'message.updated': (payload: { conversationId: string; message: MessageView }) => void;
  'conversation.updated': (payload: { conversation: ConversationView }) => void;
  /** To users who may see the ticket's conversations (or, later, its department). */
  'ticket.created': (payload: { ticket: TicketView }) => void;
  'ticket.updated': (payload: { ticket: TicketView }) => void;
}

/** Events agents send to the server. */
export interface ClientToServerEvents {
  /**
   * The agent is typing in this conversation: the customer sees "typing" (OA9). Send it while typing, at
   * most every few seconds; the server throttles it to the platform's rules and drops it outside the window.
   */
  'conversation.typing': (payload: { conversationId: string }) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
