import type { NamedRef, TicketActivityView, TicketChange, TicketPriority, TicketStatus } from '#contracts';
import { ticketLabel } from '#contracts';
import { assertNever } from '../ui/assert-never';

export function statusLabel(status: TicketStatus): string {
  switch (status) {
    case 'open':
      return 'Open';
    case 'on-hold':
      return 'On hold';
    case 'closed':
      return 'Closed';
    default:
      return assertNever(status);
  }
}

export function priorityLabel(priority: TicketPriority): string {
  switch (priority) {
    case 'low':
      return 'Low';
    case 'normal':
      return 'Normal';
    case 'high':
      return 'High';
    case 'urgent':
      return 'Urgent';
    default:
      return assertNever(priority);
  }
}

const nameOr = (ref: NamedRef | null, none: string) => ref?.name ?? none;

/** One history entry in words, without who and when: "changed the priority from Normal to High". */
export function describeChange(change: TicketChange): string {
  switch (change.kind) {
    case 'created':
      return change.previousTicket
        ? `created the ticket, continuing ${ticketLabel(change.previousTicket.number)}`
        : 'created the ticket from a conversation';
    case 'subject':
      return `changed the subject from “${change.from}” to “${change.to}”`;
    case 'status':
      if (change.to === 'closed') return 'closed the ticket';
      if (change.from === 'closed') return 'reopened the ticket';
      return `changed the status from ${statusLabel(change.from)} to ${statusLabel(change.to)}`;
    case 'priority':
      return `changed the priority from ${priorityLabel(change.from)} to ${priorityLabel(change.to)}`;
    case 'department':
      return `moved the ticket from ${nameOr(change.from, 'no department')} to ${nameOr(change.to, 'no department')}`;
    case 'assignee':
      if (!change.to) return `unassigned ${nameOr(change.from, 'the ticket')}`;
      if (!change.from) return `assigned the ticket to ${change.to.name}`;
      return `reassigned the ticket from ${change.from.name} to ${change.to.name}`;
    case 'conversation-linked':
      return 'linked a conversation';
    case 'conversation-unlinked':
      return 'unlinked a conversation';
    case 'continued':
      return `continued the conversation in ${ticketLabel(change.nextTicket.number)}`;
    case 'conversation-closed':
      return 'closed a conversation of the ticket';
    default:
      return assertNever(change);
  }
}

/** Who did it: a person, or the system (whose entries always carry a reason). */
export function actorName(entry: TicketActivityView): string {
  return entry.actor?.name ?? 'System';
}
