import type { TicketPriority, TicketStatus } from '#contracts';
import { priorityLabel, statusLabel } from './ticket-labels';

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`badge ticket-status ticket-status--${status}`}>{statusLabel(status)}</span>;
}

/** Normal is the usual case and shown quietly; the others stand out. */
export function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <span className={`ticket-priority ticket-priority--${priority}`}>
      <span className="visually-hidden">Priority: </span>
      {priorityLabel(priority)}
    </span>
  );
}
