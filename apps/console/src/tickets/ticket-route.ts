import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type ListTicketsQuery,
  type TicketPriority,
  type TicketStatus,
} from '#contracts';

export type StatusFilter = TicketStatus | 'unresolved' | 'all';
export type AssigneeFilter = 'anyone' | 'me' | 'none';

/** What the list shows; kept in the address so that the back button and shared links keep it. */
export interface TicketFilters {
  status: StatusFilter;
  priority: TicketPriority | 'any';
  departmentId: string | null;
  assignee: AssigneeFilter;
  q: string;
}

export const DEFAULT_FILTERS: TicketFilters = {
  status: 'unresolved',
  priority: 'any',
  departmentId: null,
  assignee: 'anyone',
  q: '',
};

/** `#/tickets[?filters]` or `#/tickets/<id>`. */
export type TicketRoute = { screen: 'list'; filters: TicketFilters } | { screen: 'ticket'; ticketId: string };

const STATUS_FILTERS: readonly string[] = [...TICKET_STATUSES, 'unresolved', 'all'];
const ASSIGNEE_FILTERS: readonly string[] = ['anyone', 'me', 'none'];

/** null when the hash is not a tickets address. */
export function parseTicketRoute(hash: string): TicketRoute | null {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/');
  if (parts[0] !== 'tickets') return null;
  if (parts[1]) return { screen: 'ticket', ticketId: decodeURIComponent(parts[1]) };
  const params = new URLSearchParams(search);
  const pick = <T extends string>(key: string, allowed: readonly string[], fallback: T): T => {
    const value = params.get(key);
    return value !== null && allowed.includes(value) ? (value as T) : fallback;
  };
  return {
    screen: 'list',
    filters: {
      status: pick('status', STATUS_FILTERS, DEFAULT_FILTERS.status),
      priority: pick('priority', TICKET_PRIORITIES, DEFAULT_FILTERS.priority),
      departmentId: params.get('department') || null,
      assignee: pick('assignee', ASSIGNEE_FILTERS, DEFAULT_FILTERS.assignee),
      q: params.get('q') ?? '',
    },
  };
}

/** Only what differs from the defaults goes into the address. */
export function ticketListHref(filters: TicketFilters = DEFAULT_FILTERS): string {
  const params = new URLSearchParams();
  if (filters.status !== DEFAULT_FILTERS.status) params.set('status', filters.status);
  if (filters.priority !== DEFAULT_FILTERS.priority) params.set('priority', filters.priority);
  if (filters.departmentId) params.set('department', filters.departmentId);
  if (filters.assignee !== DEFAULT_FILTERS.assignee) params.set('assignee', filters.assignee);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  const search = params.toString();
  return `#/tickets${search ? `?${search}` : ''}`;
}

export function ticketHref(ticketId: string): string {
  return `#/tickets/${encodeURIComponent(ticketId)}`;
}

export function toListQuery(filters: TicketFilters): ListTicketsQuery {
  return {
    status: filters.status === 'all' ? undefined : filters.status,
    priority: filters.priority === 'any' ? undefined : filters.priority,
    departmentId: filters.departmentId ?? undefined,
    assignee: filters.assignee === 'anyone' ? undefined : filters.assignee,
    q: filters.q.trim() || undefined,
  };
}
