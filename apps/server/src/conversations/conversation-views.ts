import type {
  ChannelKind,
  ConversationStatus,
  ConversationView,
  DeliveryState,
  MessageView,
} from '#contracts';

/** The row shapes the repository selects, and their mapping to the wire types in libs/contracts. */
export interface ConversationRow {
  id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  channel_name: string;
  channel_status: 'active' | 'inactive';
  channel_deleted: boolean;
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
}

export interface MessageRow {
  id: string;
  seq: string;
  conversation_id: string;
  channel_id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  text: string | null;
  sender_agent_id: string | null;
  sender_name: string | null;
  delivery_state: DeliveryState;
  failure_reason: string | null;
  created_at: Date;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function toConversationView(row: ConversationRow): ConversationView {
  return {
    id: row.id,
    channelId: row.channel_id,
    channelKind: row.channel_kind,
    channelName: row.channel_name,
    channelState: row.channel_deleted ? 'deleted' : row.channel_status,
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
    createdAt: iso(row.created_at),
  };
}

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    type: row.type === 'text' ? 'text' : 'unsupported',
    text: row.text,
    senderAgentId: row.sender_agent_id,
    senderName: row.sender_name,
    deliveryState: row.delivery_state,
    failureReason: row.failure_reason,
    createdAt: iso(row.created_at),
  };
}

/** One line for the inbox: the text, or what kind of message it was. */
export function previewOf(type: string, text: string | null): string {
  if (type === 'text' && text) return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  return `[${type}]`;
}
