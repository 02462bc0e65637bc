import type { DepartmentView, TicketView } from '#contracts';
import { TICKET_PRIORITIES, ticketLabel } from '#contracts';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import { Spinner } from '../ui/Spinner';
import { formatListTime, formatRelativeLong } from '../ui/time-format';
import { useNow } from '../ui/useNow';
import { TicketPriorityBadge, TicketStatusBadge } from './TicketBadges';
import { priorityLabel } from './ticket-labels';
import {
  DEFAULT_FILTERS,
  ticketHref,
  ticketListHref,
  toListQuery,
  type AssigneeFilter,
  type StatusFilter,
  type TicketFilters,
} from './ticket-route';
import type { TicketsApi } from './tickets-api';
import type { TicketLive } from './useTicketEvents';

const PAGE_SIZE = 50;

const STATUS_OPTIONS: Array<[StatusFilter, string]> = [
  ['unresolved', 'Open and on hold'],
  ['open', 'Open'],
  ['on-hold', 'On hold'],
  ['closed', 'Closed'],
  ['all', 'All statuses'],
];

const ASSIGNEE_OPTIONS: Array<[AssigneeFilter, string]> = [
  ['anyone', 'Anyone'],
  ['me', 'Assigned to me'],
  ['none', 'Unassigned'],
];

interface ListState {
  status: 'loading' | 'ready' | 'error';
  items: TicketView[];
  total: number;
  nextCursor: string | null;
  error: string | null;
}

interface TicketListPageProps {
  api: TicketsApi;
  live: TicketLive;
  filters: TicketFilters;
  departments: DepartmentView[];
}

/** Every ticket the user may see, by last activity, with filters and search in the address (RT3, TK3). */
export function TicketListPage({ api, live, filters, departments }: TicketListPageProps) {
  const now = useNow(60_000);
  const titleId = useId();
  const [state, setState] = useState<ListState>({
    status: 'loading',
    items: [],
    total: 0,
    nextCursor: null,
    error: null,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [search, setSearch] = useState(filters.q);
  const request = useRef<AbortController | null>(null);
  const filtersKey = ticketListHref(filters);
  const listed = useRef(new Set<string>());
  useEffect(() => {
    listed.current = new Set(state.items.map((t) => t.id));
  }, [state.items]);

  const load = useCallback(
    (quiet: boolean) => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      if (!quiet) setState((previous) => ({ ...previous, status: 'loading', error: null }));
      setChanged(false);
      setMoreError(null);
      api.list({ ...toListQuery(filters), limit: PAGE_SIZE }, controller.signal).then(
        (page) =>
          setState({
            status: 'ready',
            items: page.items,
            total: page.total,
            nextCursor: page.nextCursor,
            error: null,
          }),
        (error: unknown) => {
          if (isAbort(error) || controller.signal.aborted) return;
          setState((previous) =>
            quiet && previous.status === 'ready'
              ? previous
              : { ...previous, status: 'error', error: errorMessage(error) },
          );
        },
      );
    },
    // The filters are all in the key; the object itself is new on every render.
    [api, filtersKey],
  );

  useEffect(() => {
    load(false);
    return () => request.current?.abort();
  }, [load]);

  useEffect(() => setSearch(filters.q), [filters.q]);

  useEffect(() => {
    document.title = 'Tickets · WeChat Support Desk';
  }, []);

  // A change to a listed ticket shows at once; anything else that may change the list is offered as a refresh.
  useEffect(
    () =>
      live.subscribe((event) => {
        if (event.type === 'connected') return load(true);
        if (event.type !== 'ticket') return;
        if (!listed.current.has(event.ticket.id)) return setChanged(true);
        setState((previous) => ({
          ...previous,
          items: previous.items.map((t) => (t.id === event.ticket.id ? event.ticket : t)),
        }));
      }),
    [live, load],
  );

  async function loadMore() {
    if (!state.nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.list({ ...toListQuery(filters), limit: PAGE_SIZE, cursor: state.nextCursor });
      setState((previous) => {
        const seen = new Set(previous.items.map((t) => t.id));
        return {
          ...previous,
          items: [...previous.items, ...page.items.filter((t) => !seen.has(t.id))],
          total: page.total,
          nextCursor: page.nextCursor,
        };
      });
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  const go = (next: Partial<TicketFilters>) => {
    window.location.hash = ticketListHref({ ...filters, ...next });
  };
  const filtered = ticketListHref(filters) !== ticketListHref(DEFAULT_FILTERS);

  return (
    <section className="tickets-page" aria-labelledby={titleId}>
      <div className="tickets-page__head">
        <h1 className="tickets-page__title" id={titleId}>
          Tickets
        </h1>
        {state.status === 'ready' && (
          <p className="tickets-page__count" role="status">
            {state.total} ticket{state.total === 1 ? '' : 's'}
          </p>
        )}
      </div>

      <form
        className="ticket-filters"
        role="search"
        aria-label="Find tickets"
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: search });
        }}
      >
        <div className="ticket-filters__search">
          <input
            type="search"
            aria-label="Search tickets"
            placeholder="Subject or #number"
            value={search}
            maxLength={200}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button type="submit" className="button button--secondary">
            Search
          </button>
        </div>
        <label className="ticket-filter">
          <span>Status</span>
          <select
            value={filters.status}
            onChange={(event) => go({ status: event.target.value as StatusFilter })}
          >
            {STATUS_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="ticket-filter">
          <span>Priority</span>
          <select
            value={filters.priority}
            onChange={(event) => go({ priority: event.target.value as TicketFilters['priority'] })}
          >
            <option value="any">Any priority</option>
            {TICKET_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {priorityLabel(priority)}
              </option>
            ))}
          </select>
        </label>
        <label className="ticket-filter">
          <span>Assignee</span>
          <select
            value={filters.assignee}
            onChange={(event) => go({ assignee: event.target.value as AssigneeFilter })}
          >
            {ASSIGNEE_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="ticket-filter">
          <span>Department</span>
          <select
            value={filters.departmentId ?? ''}
            onChange={(event) => go({ departmentId: event.target.value || null })}
          >
            <option value="">All departments</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <a className="ticket-filters__reset" href={ticketListHref(DEFAULT_FILTERS)}>
            Clear filters
          </a>
        )}
      </form>

      {changed && (
        <button
          type="button"
          className="tickets-page__changed button button--secondary"
          onClick={() => load(true)}
        >
          Tickets have changed · Refresh the list
        </button>
      )}

      {state.status === 'loading' && state.items.length === 0 ? (
        <Spinner label="Loading tickets…" />
      ) : state.status === 'error' ? (
        <div className="callout callout--error" role="alert">
          {state.error}{' '}
          <button type="button" className="link-button" onClick={() => load(false)}>
            Try again
          </button>
        </div>
      ) : state.items.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">
            {filtered ? 'No tickets match these filters' : 'No open tickets'}
          </p>
          <p className="empty-state__text">
            {filtered
              ? 'Try other filters, or clear them.'
              : 'Open a conversation in the inbox and choose “Convert to ticket” to make one.'}
          </p>
        </div>
      ) : (
        <>
          <ul className="ticket-list" aria-label="Tickets">
            {state.items.map((ticket) => (
              <li key={ticket.id}>
                <a className="ticket-row" href={ticketHref(ticket.id)}>
                  <span className="ticket-row__number">{ticketLabel(ticket.number)}</span>
                  <span className="ticket-row__main">
                    <span className="ticket-row__subject">{ticket.subject}</span>
                    <span className="ticket-row__meta">
                      <span>{ticket.requester.displayName}</span>
                      {ticket.department && <span>{ticket.department.name}</span>}
                      <span>{ticket.assignee ? ticket.assignee.name : 'Unassigned'}</span>
                    </span>
                  </span>
                  <span className="ticket-row__side">
                    <span className="ticket-row__badges">
                      <TicketStatusBadge status={ticket.status} />
                      <TicketPriorityBadge priority={ticket.priority} />
                    </span>
                    <time
                      className="ticket-row__time"
                      dateTime={ticket.lastActivityAt}
                      title={formatRelativeLong(ticket.lastActivityAt, now)}
                    >
                      {formatListTime(ticket.lastActivityAt, now)}
                    </time>
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {state.nextCursor && (
            <div className="ticket-list__more">
              <button
                type="button"
                className="button button--secondary"
                disabled={loadingMore}
                onClick={() => void loadMore()}
              >
                {loadingMore ? 'Loading…' : `Show more (${state.total - state.items.length} left)`}
              </button>
              {moreError && (
                <p className="callout callout--error" role="alert">
                  {moreError}
                </p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
