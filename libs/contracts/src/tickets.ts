import type { ConversationView, MessageView } from './conversations.js';

/** TK3. `on-hold`: waiting on someone (the customer, another team); not closed, not being worked on. */
export type TicketStatus = 'open' | 'on-hold' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export const TICKET_STATUSES: readonly TicketStatus[] = ['open', 'on-hold', 'closed'];
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
export const TICKET_SUBJECT_MAX = 200;
export const TICKET_REASON_MAX = 500;

/** How people say a ticket's number aloud and type it into the search: "#1042". */
export function ticketLabel(number: number): string {
  return `#${number}`;
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface TicketRef {
  id: string;
  number: number;
}

export interface TicketRequesterView {
  /** The contact (one WeChat user on one channel). */
  id: string;
  channelId: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface TicketView {
  id: string;
  /** Sequential per installation, never reused; show it with `ticketLabel()`. */
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  department: NamedRef | null;
  assignee: NamedRef | null;
  requester: TicketRequesterView;
  /** Conversations whose messages are (part of) this ticket's thread. */
  conversationCount: number;
  /** The ticket this one continues (a customer wrote again long after it, TK2). */
  previousTicket: TicketRef | null;
  createdAt: string;
  /** The last change to the ticket's own fields. */
  updatedAt: string;
  /** The last change or message in one of its conversations; the list is sorted by it. */
  lastActivityAt: string;
  closedAt: string | null;
}

/**
 * What one history entry changed. Names are as they were at the time (a department renamed later still reads
 * as it did).
 */
export type TicketChange =
  | { kind: 'created'; conversationId: string | null; previousTicket: TicketRef | null }
  | { kind: 'subject'; from: string; to: string }
  | { kind: 'status'; from: TicketStatus; to: TicketStatus }
  | { kind: 'priority'; from: TicketPriority; to: TicketPriority }
  | { kind: 'department'; from: NamedRef | null; to: NamedRef | null }
  | { kind: 'assignee'; from: NamedRef | null; to: NamedRef | null }
  | { kind: 'conversation-linked'; conversationId: string }
  | { kind: 'conversation-unlinked'; conversationId: string }
  /** The conversation's later messages went to a new ticket (the ticket timer, TK2). */
  | { kind: 'continued'; conversationId: string; nextTicket: TicketRef }
  /** One of its conversations was closed by the system (a timer); `reason` says why. */
  | { kind: 'conversation-closed'; conversationId: string };

export type TicketChangeKind = TicketChange['kind'];

export interface TicketActivityView {
  id: string;
  at: string;
  /** Null: the system did it (automation, timers); `reason` then says why. */
  actor: NamedRef | null;
  change: TicketChange;
  reason: string | null;
}

export interface TicketConversationView {
  conversationId: string;
  linkedAt: string;
  /** Set when the conversation's later messages went to another ticket: this one keeps what came before. */
  endedAt: string | null;
  /** Null when the user may not see it (a channel they are not associated with). */
  conversation: ConversationView | null;
}

export interface TicketDetailView {
  ticket: TicketView;
  /** Oldest first. */
  conversations: TicketConversationView[];
  /** Oldest first. */
  activity: TicketActivityView[];
}

/** One conversation's share of a ticket's thread. */
export interface TicketThreadSegment {
  conversation: ConversationView;
  /** Oldest first; the latest 500 of the segment. */
  messages: MessageView[];
  /** Only part of the conversation belongs to this ticket (the rest is on another ticket). */
  partial: boolean;
}

export interface TicketThreadView {
  segments: TicketThreadSegment[];
  /** Conversations of the ticket on channels the user is not associated with: not shown. */
  hiddenConversations: number;
}

/** `GET /api/tickets` — every filter is optional; sorted by last activity, newest first. */
export interface ListTicketsQuery {
  /** `unresolved`: open or on hold. Absent: any status. */
  status?: TicketStatus | 'unresolved';
  priority?: TicketPriority;
  departmentId?: string;
  /** `me`, `none` (unassigned) or a user id. */
  assignee?: string;
  /** A contact id. */
  requesterId?: string;
  /** Words of the subject, or a number ("1042" or "#1042"). */
  q?: string;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
  /** 1–100, default 50. */
  limit?: number;
}

export interface TicketPage {
  items: TicketView[];
  /** How many tickets match the filters (all pages). */
  total: number;
  /** Null on the last page. */
  nextCursor: string | null;
}

/** `POST /api/tickets` — converts a conversation into a new ticket (TK1). */
export interface CreateTicketRequest {
  conversationId: string;
  /** Default: the customer's first message. */
  subject?: string;
  priority?: TicketPriority;
}

/** `POST /api/tickets/:id/conversations`. */
export interface LinkConversationRequest {
  conversationId: string;
}

/** `PATCH /api/tickets/:id` — omitted fields are unchanged; `assigneeId: null` unassigns. */
export interface UpdateTicketRequest {
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  departmentId?: string;
  assigneeId?: string | null;
  /** Written to the history with every change of this request, e.g. why it was closed. */
  reason?: string;
}

/** Someone the ticket may be assigned to: an active member of the department who may see the ticket. */
export interface TicketAssigneeView {
  id: string;
  name: string;
}

/** `GET /api/conversations/:id/ticket`. */
export interface ConversationTicketView {
  ticket: TicketView | null;
}
