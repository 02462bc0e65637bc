import type {
  AttachmentRule,
  ChannelKind,
  ConversationStatus,
  ConversationView,
  DeliveryState,
  MessageDirection,
  MessageView,
  ReplyWindowView,
} from '#contracts';
import type { PlatformLock, ReplyInputs } from './conversation-window.js';
import type { MediaSummary } from '../media/media-views.js';
import { previewOfContent, textOf, toContentView, type StoredContent } from './message-content.js';

/** The row shapes the repository selects, and their mapping to the wire types in libs/contracts. */
export interface ConversationRow {
  id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  channel_name: string;
  department_id: string | null;
  contact_id: string;
  contact_display_name: string;
  contact_avatar_url: string | null;
  status: ConversationStatus;
  assignee_id: string | null;
  last_message_at: Date;
  last_message_preview: string;
  last_customer_message_at: Date | null;
  created_at: Date;
  channel_status: 'active' | 'inactive';
  channel_deleted_at: Date | null;
  reply_lock: PlatformLock | null;
  messages_used: number;
}

export interface MessageRow {
  id: string;
  seq: string;
  /** Null for an event kept against the contact while no conversation was open. */
  conversation_id: string | null;
  contact_id: string | null;
  channel_id: string;
  direction: MessageDirection;
  type: string;
  text: string | null;
  content: StoredContent;
  media: MediaSummary[];
  sender_agent_id: string | null;
  sender_name: string | null;
  delivery_state: DeliveryState;
  failure_reason: string | null;
  attempts: number;
  retries: number;
  created_at: Date;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** What the reply window needs from a conversation row; the channel's N comes from its adapter. */
export function replyInputsOf(row: ConversationRow, messagesAllowed: number): ReplyInputs {
  return {
    channelStatus: row.channel_status,
    channelDeleted: row.channel_deleted_at !== null,
    conversationStatus: row.status,
    lastCustomerMessageAt: row.last_customer_message_at ? new Date(row.last_customer_message_at) : null,
    messagesUsed: row.messages_used,
    messagesAllowed,
    platformLock: row.reply_lock,
  };
}

export function toConversationView(
  row: ConversationRow,
  replyWindow: ReplyWindowView,
  attachmentRules: AttachmentRule[],
): ConversationView {
  return {
    id: row.id,
    channelId: row.channel_id,
    channelKind: row.channel_kind,
    channelName: row.channel_name,
    channelState: row.channel_deleted_at ? 'deleted' : row.channel_status,
    departmentId: row.department_id,
    contact: {
      id: row.contact_id,
      channelId: row.channel_id,
      displayName: row.contact_display_name,
      avatarUrl: row.contact_avatar_url,
    },
    status: row.status,
    assigneeId: row.assignee_id,
    lastMessageAt: iso(row.last_message_at),
    lastMessagePreview: row.last_message_preview,
    lastCustomerMessageAt: row.last_customer_message_at ? iso(row.last_customer_message_at) : null,
    replyWindow,
    // A deleted channel's conversations are read-only: nothing to attach.
    attachmentRules: row.channel_deleted_at ? [] : attachmentRules,
    createdAt: iso(row.created_at),
  };
}

/** A message of a conversation (one kept only against its contact has no view until it joins one). */
export function toMessageView(row: MessageRow): MessageView {
  if (row.conversation_id === null) throw new Error(`Message ${row.id} is not in a conversation`);
  const content = toContentView(row.content, row.media ?? []);
  return {
    id: row.id,
    sequence: Number(row.seq),
    conversationId: row.conversation_id,
    direction: row.direction,
    type: content.type,
    text: content.type === 'text' ? content.text : textOf(content),
    content,
    senderAgentId: row.sender_agent_id,
    senderName: row.sender_name,
    deliveryState: row.delivery_state,
    failureReason: row.failure_reason,
    attempts: row.attempts,
    retries: row.retries,
    createdAt: iso(row.created_at),
  };
}

/** One line for the inbox, for an agent's text (kept for callers that only have a type and a text). */
export function previewOf(type: string, text: string | null): string {
  if (type === 'text' && text) return previewOfContent({ type: 'text', text });
  return previewOfContent({ type: 'unsupported', platformType: type });
}
