import type {
  ContactConversationView,
  ContactNoteView,
  HeldMessageView,
  PersonActivityView,
  PersonContactView,
} from '#contracts';
import type {
  ContactConversationRow,
  ContactNoteRow,
  ContactRow,
  HeldMessageRow,
  PersonActivityRow,
} from './people.repository.js';

const iso = (value: Date | string) => new Date(value).toISOString();

export function toPersonContactView(row: ContactRow): PersonContactView {
  return {
    id: row.id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelKind: row.channel_kind,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    createdAt: iso(row.created_at),
    linkedBy: row.person_link === 'unionid' || row.person_link === 'agent' ? row.person_link : null,
    blocked: row.blocked_at ? { at: iso(row.blocked_at), byName: row.blocked_by_name } : null,
  };
}

export function toContactConversationView(row: ContactConversationRow): ContactConversationView {
  return {
    id: row.id,
    contactId: row.contact_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelKind: row.channel_kind,
    status: row.status,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    createdAt: iso(row.created_at),
    lastMessageAt: iso(row.last_message_at),
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    lastMessagePreview: row.last_message_preview,
  };
}

export function toContactNoteView(row: ContactNoteRow): ContactNoteView {
  return {
    messageId: row.id,
    conversationId: row.conversation_id,
    text: row.text ?? '',
    authorName: row.author_name,
    createdAt: iso(row.created_at),
  };
}

/**
 * In words, naming the contact only when the user may see its channel: a merged person shows only the parts
 * the user may see, its history included.
 */
export function toPersonActivityView(
  row: PersonActivityRow,
  canSeeChannel: (channelId: string) => boolean,
): PersonActivityView {
  const visible = row.channel_id !== null && canSeeChannel(row.channel_id);
  const contact = visible ? `${row.contact_name} on ${row.channel_name}` : 'a contact on another channel';
  const actor = row.actor_name ?? 'The desk';
  return {
    id: row.id,
    at: iso(row.at),
    kind: row.kind,
    actorName: row.actor_name,
    description: describe(row, actor, contact),
    contactId: visible ? row.contact_id : null,
  };
}

function describe(row: PersonActivityRow, actor: string, contact: string): string {
  switch (row.kind) {
    case 'linked':
      return `Linked ${contact}: the platform's UnionID says it is the same person`;
    case 'merged':
      return `${actor} merged ${contact} into this person`;
    case 'split':
      return `${actor} split ${contact} off this person`;
    case 'edited': {
      const fields = Array.isArray(row.detail.fields) ? (row.detail.fields as string[]) : [];
      const what = fields.map((field) => (field === 'displayName' ? 'the name' : 'the notes')).join(' and ');
      return `${actor} changed ${what || 'the details'}`;
    }
  }
}

export function toHeldMessageView(row: HeldMessageRow): HeldMessageView {
  return {
    id: row.id,
    contactId: row.contact_id,
    preview: row.text?.trim() ? row.text : `[${row.type[0]!.toUpperCase()}${row.type.slice(1)}]`,
    createdAt: iso(row.created_at),
  };
}
