import type { ConversationView, MessageView } from './conversations.js';

/** Events the server pushes to agents over Socket.IO. The handshake sends `auth: { token }`. */
export interface ServerToClientEvents {
  'message.created': (payload: { conversationId: string; message: MessageView }) => void;
  'message.updated': (payload: { conversationId: string; message: MessageView }) => void;
  'conversation.updated': (payload: { conversation: ConversationView }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export type ServerEventName = keyof ServerToClientEvents;
