import type {
  DepartmentView,
  TicketAssigneeView,
  TicketPriority,
  TicketStatus,
  TicketView,
  UpdateTicketRequest,
} from '#contracts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '#contracts';
import { useEffect, useId, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import { Avatar } from '../ui/Avatar';
import { formatFullTime } from '../ui/time-format';
import { priorityLabel, statusLabel } from './ticket-labels';
import type { TicketsApi } from './tickets-api';

interface TicketDetailsProps {
  api: TicketsApi;
  ticket: TicketView;
  departments: DepartmentView[];
  onChange(change: UpdateTicketRequest): Promise<void>;
}

type Field = 'status' | 'priority' | 'departmentId' | 'assigneeId';

/** Who may get the ticket in its department (the server decides; this only offers them). */
function useAssignees(api: TicketsApi, ticket: TicketView) {
  const [assignees, setAssignees] = useState<TicketAssigneeView[]>([]);
  const departmentId = ticket.department?.id ?? null;
  useEffect(() => {
    const controller = new AbortController();
    api.assignees(ticket.id, departmentId, controller.signal).then(setAssignees, (error: unknown) => {
      if (!isAbort(error)) setAssignees([]);
    });
    return () => controller.abort();
  }, [api, ticket.id, departmentId]);
  // The current assignee stays selectable even when they would no longer be offered.
  const current = ticket.assignee;
  return current && !assignees.some((a) => a.id === current.id) ? [current, ...assignees] : assignees;
}

/** The ticket's fields, each changed on the spot (TK3); the history records every change. */
export function TicketDetails({ api, ticket, departments, onChange }: TicketDetailsProps) {
  const id = useId();
  const [saving, setSaving] = useState<Field | null>(null);
  const [error, setError] = useState<string | null>(null);
  const assignees = useAssignees(api, ticket);
  const closed = ticket.status === 'closed';

  async function change(field: Field, value: string | null) {
    setSaving(field);
    setError(null);
    try {
      await onChange({ [field]: value });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(null);
    }
  }

  const control = (field: Field) => ({
    id: `${id}-${field}`,
    disabled: saving !== null || (closed && field !== 'status'),
    'aria-describedby': closed && field !== 'status' ? `${id}-closed` : undefined,
  });

  return (
    <section className="ticket-details panel" aria-labelledby={`${id}-title`}>
      <h2 className="panel__title" id={`${id}-title`}>
        Details
      </h2>
      <div className="ticket-details__fields">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          {...control('status')}
          value={ticket.status}
          onChange={(event) => void change('status', event.target.value as TicketStatus)}
        >
          {TICKET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>

        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          {...control('priority')}
          value={ticket.priority}
          onChange={(event) => void change('priority', event.target.value as TicketPriority)}
        >
          {TICKET_PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priorityLabel(priority)}
            </option>
          ))}
        </select>

        <label htmlFor={`${id}-departmentId`}>Department</label>
        <select
          {...control('departmentId')}
          value={ticket.department?.id ?? ''}
          onChange={(event) => void change('departmentId', event.target.value)}
        >
          {!ticket.department && <option value="">No department</option>}
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>

        <label htmlFor={`${id}-assigneeId`}>Assignee</label>
        <select
          {...control('assigneeId')}
          value={ticket.assignee?.id ?? ''}
          onChange={(event) => void change('assigneeId', event.target.value || null)}
        >
          <option value="">Unassigned</option>
          {assignees.map((assignee) => (
            <option key={assignee.id} value={assignee.id}>
              {assignee.name}
            </option>
          ))}
        </select>
      </div>
      {closed && (
        <p className="ticket-details__hint" id={`${id}-closed`}>
          This ticket is closed. Reopen it to change it.
        </p>
      )}
      {saving && (
        <p className="ticket-details__saving" role="status">
          Saving…
        </p>
      )}
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}

      <dl className="ticket-details__facts">
        <dt>Requester</dt>
        <dd className="ticket-details__requester">
          <Avatar name={ticket.requester.displayName} url={ticket.requester.avatarUrl} size={24} />
          {ticket.requester.displayName}
        </dd>
        <dt>Created</dt>
        <dd>{formatFullTime(ticket.createdAt)}</dd>
        <dt>Last activity</dt>
        <dd>{formatFullTime(ticket.lastActivityAt)}</dd>
        {ticket.closedAt && (
          <>
            <dt>Closed</dt>
            <dd>{formatFullTime(ticket.closedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
