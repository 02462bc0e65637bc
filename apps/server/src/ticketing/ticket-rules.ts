import {
  TICKET_SUBJECT_MAX,
  ticketLabel,
  type NamedRef,
  type Role,
  type TicketChange,
  type TicketPriority,
  type TicketRef,
  type TicketStatus,
} from '#contracts';

/**
 * Every rule about what may happen to a ticket, as pure functions: the services load what the rules need,
 * ask, and apply the answer in one transaction. Nothing here reads a clock or the database.
 */

/** A refusal the API returns as is: `validation` → 400, `conflict` → 409. */
export interface TicketRefusal {
  kind: 'validation' | 'conflict';
  message: string;
}

const refuse = (kind: TicketRefusal['kind'], message: string): { refused: TicketRefusal } => ({
  refused: { kind, message },
});

/** The fields a change can touch, as they are now. */
export interface TicketState {
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  department: NamedRef | null;
  assignee: NamedRef | null;
}

const STATUS_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['on-hold', 'closed'],
  'on-hold': ['open', 'closed'],
  // A closed ticket is reopened first; putting it on hold straight away would hide that it was reopened.
  closed: ['open'],
};

export function canMoveStatus(from: TicketStatus, to: TicketStatus): boolean {
  return STATUS_MOVES[from].includes(to);
}

const STATUS_WORDS: Record<TicketStatus, string> = { open: 'open', 'on-hold': 'on hold', closed: 'closed' };

/** Someone a ticket could be assigned to, with what the rule needs to know about them. */
export interface AssigneeCandidate {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  departmentIds: string[];
  /** Associated with the channel of at least one of the ticket's conversations (what agents need to see it). */
  seesTicketChannels: boolean;
}

/**
 * An assignee is an active member of the ticket's department who can open the ticket: supervisors and admins
 * see their departments' tickets, agents only those of channels they are associated with (CH5).
 */
export function assigneeProblem(candidate: AssigneeCandidate, department: NamedRef | null): string | null {
  if (!department) return 'Choose a department for the ticket before assigning it';
  if (!candidate.active) return `${candidate.name} is deactivated`;
  if (!candidate.departmentIds.includes(department.id))
    return `${candidate.name} is not a member of ${department.name}`;
  if (candidate.role === 'agent' && !candidate.seesTicketChannels)
    return `${candidate.name} is not associated with the channel of this ticket's conversations and could not open it`;
  return null;
}

/** What a request asks for, resolved by the service (the department exists, the candidate is loaded). */
export interface TicketUpdate {
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  department?: NamedRef;
  /** null: unassign. */
  assignee?: AssigneeCandidate | null;
  /** The current assignee as a candidate; needed when the department changes without a new assignee. */
  currentAssignee?: AssigneeCandidate | null;
}

/** The changes in the order they are recorded (status last: "closed" reads as the final step). */
export type FieldChange = Exclude<
  TicketChange,
  { kind: 'created' | 'conversation-linked' | 'conversation-unlinked' | 'continued' | 'conversation-closed' }
>;

export type UpdatePlan = { changes: FieldChange[]; next: TicketState } | { refused: TicketRefusal };

export function normalizeSubject(subject: string): string {
  return subject.replace(/\s+/g, ' ').trim();
}

export function subjectProblem(subject: string): string | null {
  if (!subject) return 'The subject cannot be empty';
  if (subject.length > TICKET_SUBJECT_MAX)
    return `The subject can be at most ${TICKET_SUBJECT_MAX} characters long`;
  return null;
}

/**
 * Decides a change of a ticket's fields: the entries for its history and the state after it, or why not.
 * Nothing is changed unless everything asked for is allowed. Asking for what already is changes nothing.
 */
export function planTicketUpdate(current: TicketState, update: TicketUpdate): UpdatePlan {
  const changes: FieldChange[] = [];
  const next: TicketState = { ...current };

  if (update.subject !== undefined) {
    const subject = normalizeSubject(update.subject);
    const problem = subjectProblem(subject);
    if (problem) return refuse('validation', problem);
    if (subject !== current.subject) {
      changes.push({ kind: 'subject', from: current.subject, to: subject });
      next.subject = subject;
    }
  }

  if (update.department && update.department.id !== current.department?.id) {
    changes.push({ kind: 'department', from: current.department, to: update.department });
    next.department = update.department;
  }

  if (update.assignee !== undefined) {
    if (update.assignee) {
      const problem = assigneeProblem(update.assignee, next.department);
      if (problem) return refuse('validation', problem);
    }
    const to = update.assignee ? { id: update.assignee.id, name: update.assignee.name } : null;
    if (to?.id !== current.assignee?.id) {
      changes.push({ kind: 'assignee', from: current.assignee, to });
      next.assignee = to;
    }
  } else if (next.department?.id !== current.department?.id && current.assignee) {
    // Moved to another department: the assignee stays only if they belong there too.
    const stays = update.currentAssignee && !assigneeProblem(update.currentAssignee, next.department);
    if (!stays) {
      changes.push({ kind: 'assignee', from: current.assignee, to: null });
      next.assignee = null;
    }
  }

  if (update.priority !== undefined && update.priority !== current.priority) {
    changes.push({ kind: 'priority', from: current.priority, to: update.priority });
    next.priority = update.priority;
  }

  if (update.status !== undefined && update.status !== current.status) {
    if (!canMoveStatus(current.status, update.status)) {
      return refuse(
        'conflict',
        `Ticket ${ticketLabel(current.number)} is ${STATUS_WORDS[current.status]}: it can only be reopened`,
      );
    }
    changes.push({ kind: 'status', from: current.status, to: update.status });
    next.status = update.status;
  }

  // A closed ticket is a record: reopen it (in the same request is fine) to change anything else.
  if (current.status === 'closed' && next.status === 'closed' && changes.length > 0) {
    return refuse('conflict', `Ticket ${ticketLabel(current.number)} is closed: reopen it to change it`);
  }
  return { changes, next };
}

/** What the link rules need to know about a conversation. */
export interface ConversationForTicket {
  contactId: string;
  /** The customer has written in it (events such as a follow or a menu click do not count). */
  hasCustomerMessage: boolean;
  /** The ticket it is on now, if any. */
  currentTicket: TicketRef | null;
}

const NO_CUSTOMER_MESSAGE =
  'Only a conversation the customer started can become a ticket: the customer has not written in this one yet';

/** An agent converts a conversation into a new ticket (TK1). */
export function conversionProblem(conversation: ConversationForTicket): TicketRefusal | null {
  if (!conversation.hasCustomerMessage) return { kind: 'conflict', message: NO_CUSTOMER_MESSAGE };
  if (conversation.currentTicket) {
    return {
      kind: 'conflict',
      message: `This conversation is already on ticket ${ticketLabel(conversation.currentTicket.number)}`,
    };
  }
  return null;
}

/**
 * A conversation joins an existing ticket of the same customer; it is on one ticket at a time.
 * (When contacts are grouped into people, "the same customer" becomes the same person.)
 */
export function linkProblem(
  ticket: { id: string; number: number; requesterContactId: string },
  conversation: ConversationForTicket,
): TicketRefusal | null {
  if (!conversation.hasCustomerMessage) return { kind: 'conflict', message: NO_CUSTOMER_MESSAGE };
  if (conversation.currentTicket?.id === ticket.id) {
    return {
      kind: 'conflict',
      message: `This conversation is already on ticket ${ticketLabel(ticket.number)}`,
    };
  }
  if (conversation.currentTicket) {
    return {
      kind: 'conflict',
      message: `This conversation is on ticket ${ticketLabel(conversation.currentTicket.number)}: unlink it there first`,
    };
  }
  if (conversation.contactId !== ticket.requesterContactId) {
    return {
      kind: 'validation',
      message: `Ticket ${ticketLabel(ticket.number)} is another customer's: a conversation can only join a ticket of the same customer`,
    };
  }
  return null;
}

/** A customer coming back about a closed ticket reopens it: linking a conversation to it does so. */
export function linkReopens(status: TicketStatus): boolean {
  return status === 'closed';
}

/** A ticket always keeps a conversation: its thread, and what decides who may see it. */
export function unlinkProblem(ticketNumber: number, conversationCount: number): TicketRefusal | null {
  if (conversationCount <= 1) {
    return {
      kind: 'conflict',
      message: `This is the only conversation of ticket ${ticketLabel(ticketNumber)}: a ticket keeps at least one`,
    };
  }
  return null;
}

const DEFAULT_SUBJECT_LENGTH = 100;

/** The customer's first words, on one line and not too long; or who it is from when they sent no text. */
export function defaultSubject(firstCustomerText: string | null, contactName: string): string {
  const words = firstCustomerText ? normalizeSubject(firstCustomerText) : '';
  if (!words) return normalizeSubject(`Conversation with ${contactName}`).slice(0, TICKET_SUBJECT_MAX);
  return words.length > DEFAULT_SUBJECT_LENGTH ? `${words.slice(0, DEFAULT_SUBJECT_LENGTH - 1)}…` : words;
}
