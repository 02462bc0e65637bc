import type {
  Role,
  TicketActivityView,
  TicketChange,
  TicketPriority,
  TicketStatus,
  TicketView,
} from '#contracts';
import type { AssigneeCandidate } from './ticket-rules.js';

/** The row shapes the tickets repository selects, and their mapping to the wire types in libs/contracts. */
export interface TicketRow {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  department_id: string | null;
  department_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  requester_contact_id: string;
  requester_channel_id: string;
  requester_display_name: string;
  requester_avatar_url: string | null;
  previous_ticket_id: string | null;
  previous_ticket_number: number | null;
  conversation_count: number;
  /** Channels of the ticket's conversations: who may see it, and where its events go. */
  channel_ids: string[];
  created_at: Date;
  updated_at: Date;
  last_activity_at: Date;
  closed_at: Date | null;
  /** The sort key, exact to the microsecond, for the next page's cursor. */
  activity_key: string;
}

export interface TicketLinkRow {
  conversation_id: string;
  channel_id: string;
  linked_at: Date;
  ended_at: Date | null;
  from_seq: string | null;
  to_seq: string | null;
}

export interface TicketActivityRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  kind: TicketChange['kind'];
  detail: Record<string, unknown>;
  reason: string | null;
}

export interface AssigneeRow {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  department_ids: string[];
  sees_ticket_channels: boolean;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function toAssigneeCandidate(row: AssigneeRow): AssigneeCandidate {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    active: row.active,
    departmentIds: row.department_ids,
    seesTicketChannels: row.sees_ticket_channels,
  };
}

export function toTicketView(row: TicketRow): TicketView {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    department:
      row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
    assignee: row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
    requester: {
      id: row.requester_contact_id,
      channelId: row.requester_channel_id,
      displayName: row.requester_display_name,
      avatarUrl: row.requester_avatar_url,
    },
    conversationCount: row.conversation_count,
    previousTicket:
      row.previous_ticket_id && row.previous_ticket_number !== null
        ? { id: row.previous_ticket_id, number: row.previous_ticket_number }
        : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    lastActivityAt: iso(row.last_activity_at),
    closedAt: row.closed_at ? iso(row.closed_at) : null,
  };
}

/** A change is stored as its kind and the rest of it (`detail`). */
export function toActivityDetail(change: TicketChange): Record<string, unknown> {
  const { kind: _kind, ...detail } = change;
  return detail;
}

export function toActivityView(row: TicketActivityRow): TicketActivityView {
  return {
    id: row.id,
    at: iso(row.at),
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? 'Someone' } : null,
    change: { kind: row.kind, ...row.detail } as TicketChange,
    reason: row.reason,
  };
}
