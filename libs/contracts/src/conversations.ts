import type { ChannelKind } from './channels.js';
import type { ReplyWindowView } from './reply-window.js';

export type ConversationStatus = 'waiting' | 'active' | 'closed';
export type MessageDirection = 'inbound' | 'outbound';
export type MessageType = 'text' | 'unsupported';
/**
 * received: inbound and stored. queued → sent | failed | unconfirmed: an agent's message on its way to the
 * platform. `unconfirmed`: the platform did not answer (a timeout, or the server stopped mid-send) and its
 * API has no idempotency key, so the message may or may not have reached the customer; it is not sent
 * again unless an agent asks.
 */
export type DeliveryState = 'received' | 'queued' | 'sent' | 'failed' | 'unconfirmed';

export interface ContactView {
  id: string;
  channelId: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface ConversationView {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  /** `inactive`: deactivated; `deleted`: the channel is gone and its conversations are read-only (CH2). */
  channelState: 'active' | 'inactive' | 'deleted';
  departmentId: string | null;
  contact: ContactView;
  status: ConversationStatus;
  assigneeId: string | null;
  lastMessageAt: string;
  lastMessagePreview: string;
  /** The customer's last message (events such as follows and menu clicks do not count). */
  lastCustomerMessageAt: string | null;
  /** Whether a reply is allowed now: time and messages left, or the lock and its reason. */
  replyWindow: ReplyWindowView;
  createdAt: string;
}

export interface MessageView {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  type: MessageType;
  text: string | null;
  senderAgentId: string | null;
  senderName: string | null;
  deliveryState: DeliveryState;
  /** Why it failed, or why it is being retried (while `queued` after a failed attempt). */
  failureReason: string | null;
  /** Delivery attempts made so far (automatic retries after busy or unreachable platforms included). */
  attempts: number;
  /** How many times an agent asked to send it again (CV6). */
  retries: number;
  createdAt: string;
}

export interface SendMessageRequest {
  type: 'text';
  text: string;
}

export interface ListConversationsQuery {
  status?: ConversationStatus | 'open';
  channelId?: string;
}
