import type {
  CallbackLogEntryView,
  CallbackLogQuery,
  CallbackResult,
  CallbackVerdict,
  ChannelView,
} from '#contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import type { DeskApi } from '../api/desk-api';
import { Spinner } from '../ui/Spinner';
import { CallbackEntryDetails } from './CallbackEntryDetails';

const PAGE_SIZE = 50;
const TYPES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link', 'event'];

interface Filters {
  channelId: string;
  result: CallbackResult | '';
  verdict: CallbackVerdict | '';
  type: string;
  from: string;
  to: string;
}

/** A log wants the second, and the date even when it is today. */
const formatLogTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const NO_FILTERS: Filters = { channelId: '', result: '', verdict: '', type: '', from: '', to: '' };

/** `datetime-local` values are local time without a zone; the API wants ISO 8601. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

function queryOf(filters: Filters, before?: string): CallbackLogQuery {
  return {
    channelId: filters.channelId || undefined,
    result: filters.result || undefined,
    verdict: filters.verdict || undefined,
    type: filters.type || undefined,
    from: toIso(filters.from),
    to: toIso(filters.to),
    limit: PAGE_SIZE,
    before,
  };
}

interface LogState {
  entries: CallbackLogEntryView[];
  nextCursor: string | null;
  retentionDays: number | null;
  status: 'loading' | 'ready' | 'error' | 'more';
  error: string | null;
}

/**
 * The callback flight recorder (BX1), for admins: every callback a platform sent, what we made of it
 * (new or duplicate; stored, refused or failed) and, for failures, "Re-ingest".
 */
/** Admins only: the console shows admin screens to admins alone (AdminArea), and the API refuses others. */
export function CallbackLogPage({ api }: { api: DeskApi }) {
  const titleId = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [channels, setChannels] = useState<ChannelView[]>([]);
  const [log, setLog] = useState<LogState>({
    entries: [],
    nextCursor: null,
    retentionDays: null,
    status: 'loading',
    error: null,
  });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Callback log · WeChat Support Desk';
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.listChannels(controller.signal).then(setChannels, () => undefined);
    return () => controller.abort();
  }, [api]);

  const load = useCallback(
    (signal?: AbortSignal) => {
      setLog((current) => ({ ...current, status: 'loading', error: null }));
      api.listCallbacks(queryOf(filters), signal).then(
        (page) =>
          setLog({
            entries: page.entries,
            nextCursor: page.nextCursor,
            retentionDays: page.retentionDays,
            status: 'ready',
            error: null,
          }),
        (error: unknown) => {
          if (isAbort(error) || signal?.aborted) return;
          setLog((current) => ({ ...current, status: 'error', error: errorMessage(error) }));
        },
      );
    },
    [api, filters],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function loadMore() {
    if (!log.nextCursor) return;
    setLog((current) => ({ ...current, status: 'more' }));
    try {
      const page = await api.listCallbacks(queryOf(filters, log.nextCursor));
      setLog((current) => ({
        ...current,
        entries: [...current.entries, ...page.entries],
        nextCursor: page.nextCursor,
        status: 'ready',
      }));
    } catch (error) {
      setLog((current) => ({ ...current, status: 'error', error: errorMessage(error) }));
    }
  }

  async function reingest(entry: CallbackLogEntryView) {
    setNotice(null);
    try {
      const replayed = await api.reingestCallback(entry.id);
      setNotice(
        replayed.result === 'stored'
          ? `Callback ${entry.id} re-ingested: ${replayed.verdict === 'duplicate' ? 'it was already stored (duplicate)' : 'stored as a new message'}.`
          : `Callback ${entry.id} failed again: ${replayed.reason ?? 'unknown error'}`,
      );
      load();
    } catch (error) {
      setNotice(`Could not re-ingest callback ${entry.id}: ${errorMessage(error)}`);
    }
  }

  const set = <K extends keyof Filters>(name: K, value: Filters[K]) =>
    setFilters((current) => ({ ...current, [name]: value }));

  return (
    <main className="log-page" aria-labelledby={titleId}>
      <header className="log-page__header">
        <div>
          <h1 id={titleId}>Callback log</h1>
          <p className="log-page__intro">
            Every callback WeChat sent us, after its signature was checked: whether it was new or a retry, and
            whether it was stored, refused or failed.
            {log.retentionDays !== null && ` Entries are kept for ${log.retentionDays} days.`}
          </p>
        </div>
        <a className="button button--secondary" href="#/open">
          Back to the inbox
        </a>
      </header>

      <form
        className="log-filters"
        role="search"
        aria-label="Filter callbacks"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Channel
          <select value={filters.channelId} onChange={(e) => set('channelId', e.target.value)}>
            <option value="">All channels</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Result
          <select value={filters.result} onChange={(e) => set('result', e.target.value as Filters['result'])}>
            <option value="">Any result</option>
            <option value="stored">Stored</option>
            <option value="refused">Refused</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <label>
          Verdict
          <select
            value={filters.verdict}
            onChange={(e) => set('verdict', e.target.value as Filters['verdict'])}
          >
            <option value="">Any verdict</option>
            <option value="new">New</option>
            <option value="duplicate">Duplicate</option>
          </select>
        </label>
        <label>
          Type
          <select value={filters.type} onChange={(e) => set('type', e.target.value)}>
            <option value="">Any type</option>
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="datetime-local" value={filters.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={filters.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <button type="button" className="button button--ghost" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </form>

      {notice && (
        <p className="callout callout--info" role="status">
          {notice}
        </p>
      )}
      {log.status === 'error' && (
        <div className="callout callout--error" role="alert">
          {log.error}{' '}
          <button type="button" className="button button--secondary" onClick={() => load()}>
            Try again
          </button>
        </div>
      )}
      {log.status === 'loading' && <Spinner label="Loading callbacks…" />}
      {log.status !== 'loading' && log.entries.length === 0 && log.status !== 'error' && (
        <p className="log-page__empty">No callbacks match these filters.</p>
      )}

      {log.entries.length > 0 && (
        <div className="table-scroll">
          <table className="log-table">
            <caption className="visually-hidden">Callbacks, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Channel</th>
                <th scope="col">Type</th>
                <th scope="col">Verdict</th>
                <th scope="col">Result</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            {log.entries.map((entry) => (
              <CallbackRow key={entry.id} entry={entry} onReingest={() => reingest(entry)} />
            ))}
          </table>
        </div>
      )}
      {log.nextCursor && (
        <button
          type="button"
          className="button button--secondary log-more"
          onClick={() => void loadMore()}
          disabled={log.status === 'more'}
        >
          {log.status === 'more' ? 'Loading…' : 'Load older callbacks'}
        </button>
      )}
    </main>
  );
}

function CallbackRow({ entry, onReingest }: { entry: CallbackLogEntryView; onReingest(): Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const detailsId = useId();
  const type = entry.eventType ? `${entry.messageType} · ${entry.eventType}` : (entry.messageType ?? '—');
  return (
    <tbody className={`log-entry log-entry--${entry.result}`} data-callback-id={entry.id}>
      <tr>
        <td data-label="Received">
          <time dateTime={entry.receivedAt}>{formatLogTime(entry.receivedAt)}</time>
        </td>
        <td data-label="Channel">{entry.channelName}</td>
        <td data-label="Type">{type}</td>
        <td data-label="Verdict">{entry.verdict ?? '—'}</td>
        <td data-label="Result">
          <span className={`result-badge result-badge--${entry.result}`}>{entry.result}</span>
          {entry.reason && <span className="log-entry__reason">{entry.reason}</span>}
        </td>
        <td>
          <div className="log-entry__actions">
            {entry.canReingest && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void onReingest().finally(() => setBusy(false));
                }}
              >
                {busy ? 'Re-ingesting…' : 'Re-ingest'}
              </button>
            )}
            <button
              type="button"
              className="button button--ghost"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((value) => !value)}
            >
              {open ? 'Hide details' : 'Details'}
              <span className="visually-hidden"> of callback {entry.id}</span>
            </button>
          </div>
        </td>
      </tr>
      <tr id={detailsId} hidden={!open}>
        <td colSpan={6}>{open && <CallbackEntryDetails entry={entry} />}</td>
      </tr>
    </tbody>
  );
}
