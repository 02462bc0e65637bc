import type { ChannelView, DepartmentView, SearchResults, UserView } from '#contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import type { ContactsApi } from '../api/contacts-api';
import type { DeskApi } from '../api/desk-api';
import { useLoad } from '../admin/useLoad';
import { Spinner } from '../ui/Spinner';
import { useNow } from '../ui/useNow';
import { ContactResults, MessageResults, moveBetweenResults } from './SearchResultList';
import { formFromParams, queryOf, searchHref, type SearchForm } from './search-params';

interface SearchPageProps {
  api: ContactsApi;
  deskApi: DeskApi;
  user: UserView;
  params: URLSearchParams;
}

type Results =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; data: SearchResults; more: 'idle' | 'loading' | string };

const STATUS_OPTIONS: Array<[SearchForm['status'], string]> = [
  ['', 'Any state'],
  ['open', 'Open (not closed)'],
  ['waiting', 'Waiting'],
  ['active', 'Active'],
  ['missed', 'Missed'],
  ['closed', 'Closed'],
];

/**
 * Search over every message, note and contact the agent may see (BX4). The address holds the search, so
 * the back button returns to the results, and a result opens the conversation at its message.
 */
export function SearchPage({ api, deskApi, user, params }: SearchPageProps) {
  const asked = formFromParams(params);
  const askedKey = searchHref(asked);
  const [form, setForm] = useState<SearchForm>(asked);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  /** Searching the same again (new messages may have arrived) reloads without a new address. */
  const [attempt, setAttempt] = useState(0);
  const now = useNow(60_000);
  const input = useRef<HTMLInputElement>(null);
  const manager = user.role !== 'agent';

  const channels = useLoad<ChannelView[]>('channels', (signal) => deskApi.listChannels(signal));
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  const users = useLoad<UserView[]>(manager ? 'users' : 'me', (signal) =>
    manager ? api.listUsers(signal) : Promise.resolve([user]),
  );

  useEffect(() => {
    document.title = `${asked.q ? `${asked.q} · ` : ''}Search · WeChat Support Desk`;
    input.current?.focus();
  }, [askedKey, asked.q]);

  useEffect(() => {
    const wanted = formFromParams(new URLSearchParams(askedKey.split('?')[1] ?? ''));
    setForm(wanted);
    if (!wanted.q.trim()) {
      setResults({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setResults({ status: 'loading' });
    api
      .search(queryOf(wanted), controller.signal)
      .then((data) => setResults({ status: 'ready', data, more: 'idle' }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setResults({ status: 'error', error: errorMessage(error) });
      });
    return () => controller.abort();
  }, [api, askedKey, attempt]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.q.trim()) {
      input.current?.focus();
      return;
    }
    const href = searchHref(form);
    if (href === askedKey) setAttempt((n) => n + 1);
    else window.location.hash = href;
  }

  async function loadMore() {
    if (results.status !== 'ready' || !results.data.nextCursor) return;
    const current = results.data;
    setResults({ ...results, more: 'loading' });
    try {
      const next = await api.search(queryOf(asked, current.nextCursor!));
      setResults({
        status: 'ready',
        data: { ...next, messages: [...current.messages, ...next.messages], contacts: current.contacts },
        more: 'idle',
      });
    } catch (error) {
      setResults({ status: 'ready', data: current, more: errorMessage(error) });
    }
  }

  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) =>
    setForm({ ...form, [key]: value });
  const assignees = (users.data ?? []).filter((u) => u.active);

  return (
    <main className="desk-page search-page">
      <div className="desk-page__inner">
        <h1 className="admin-page__title">Search</h1>
        <form className="search-form" role="search" aria-label="Messages and contacts" onSubmit={submit}>
          <div className="search-form__query">
            <label htmlFor="search-query" className="visually-hidden">
              Search messages and contacts
            </label>
            <input
              id="search-query"
              ref={input}
              type="search"
              className="search-form__input"
              placeholder="Words, numbers or Chinese — e.g. 退货, order 1234"
              value={form.q}
              maxLength={200}
              onChange={(event) => set('q', event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown') moveBetweenResults(event);
              }}
            />
            <button type="submit" className="button button--primary">
              Search
            </button>
          </div>
          <fieldset className="search-form__filters">
            <legend className="visually-hidden">Filters</legend>
            <label className="search-filter">
              <span>Channel</span>
              <select value={form.channelId} onChange={(event) => set('channelId', event.target.value)}>
                <option value="">All channels</option>
                {(channels.data ?? []).map((channel) => (
                  <option key={channel.id} value={channel.id}>
                    {channel.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="search-filter">
              <span>Department</span>
              <select value={form.departmentId} onChange={(event) => set('departmentId', event.target.value)}>
                <option value="">All departments</option>
                {(departments.data ?? []).map((department) => (
                  <option key={department.id} value={department.id}>
                    {department.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="search-filter">
              <span>Assigned to</span>
              <select value={form.assigneeId} onChange={(event) => set('assigneeId', event.target.value)}>
                <option value="">Anyone</option>
                {assignees.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.id === user.id ? `Me (${person.name})` : person.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="search-filter">
              <span>State</span>
              <select
                value={form.status}
                onChange={(event) => set('status', event.target.value as SearchForm['status'])}
              >
                {STATUS_OPTIONS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="search-filter">
              <span>From</span>
              <input
                type="date"
                value={form.fromDate}
                onChange={(event) => set('fromDate', event.target.value)}
              />
            </label>
            <label className="search-filter">
              <span>To</span>
              <input
                type="date"
                value={form.toDate}
                onChange={(event) => set('toDate', event.target.value)}
              />
            </label>
          </fieldset>
        </form>

        <section
          className="search-page__results"
          aria-label="Results"
          aria-busy={results.status === 'loading'}
        >
          {results.status === 'idle' && (
            <p className="search-page__hint">
              Search what customers wrote, what agents replied and noted, and contacts’ names. Chinese is
              found inside sentences; separate words with spaces, and use “quotes” for an exact phrase.
            </p>
          )}
          {results.status === 'loading' && <Spinner label="Searching…" />}
          {results.status === 'error' && (
            <p className="callout callout--error" role="alert">
              {results.error}
            </p>
          )}
          {results.status === 'ready' && (
            <>
              {results.data.contacts.length > 0 && (
                <>
                  <h2 className="search-page__heading">People</h2>
                  <ContactResults hits={results.data.contacts} />
                </>
              )}
              <h2 className="search-page__heading" role="status">
                {results.data.messages.length === 0
                  ? `No messages match “${asked.q.trim()}”`
                  : `Messages${results.data.nextCursor ? '' : ` (${results.data.messages.length})`}`}
              </h2>
              <MessageResults hits={results.data.messages} now={now} />
              {results.data.nextCursor && (
                <button
                  type="button"
                  className="button button--secondary search-page__more"
                  disabled={results.more === 'loading'}
                  onClick={() => void loadMore()}
                >
                  {results.more === 'loading' ? 'Loading…' : 'Show older messages'}
                </button>
              )}
              {results.more !== 'idle' && results.more !== 'loading' && (
                <p className="callout callout--error" role="alert">
                  {results.more}
                </p>
              )}
            </>
          )}
        </section>
      </div>
    </main>
  );
}
