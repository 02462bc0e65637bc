import type { ChannelKind } from './channels.js';

export type ConversationStatus = 'waiting' | 'active' | 'closed';
export type MessageDirection = 'inbound' | 'outbound';
export type MessageType = 'text' | 'unsupported';
/** received: inbound and stored. queued → sent | failed: an agent's message on its way to the platform. */
export type DeliveryState = 'received' | 'queued' | 'sent' | 'failed';

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
  lastCustomerMessageAt: string | null;
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
  failureReason: string | null;
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
