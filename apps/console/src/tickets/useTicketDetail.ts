import type { TicketDetailView, TicketThreadView } from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, isAbort } from '../api/api-error';
import type { TicketsApi } from './tickets-api';
import type { TicketLive } from './useTicketEvents';

interface Loaded<T> {
  status: 'loading' | 'ready' | 'error';
  data: T | null;
  error: string | null;
  notFound: boolean;
}

const loading = { status: 'loading', data: null, error: null, notFound: false } as const;

/** One value from the API, reloaded quietly (keeping what is shown) when something says it changed. */
function useReloadable<T>(fetch: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>(loading);
  const request = useRef<AbortController | null>(null);
  const latest = useRef(fetch);
  latest.current = fetch;

  const load = useCallback((quiet: boolean) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    if (!quiet) setState(loading);
    latest.current(controller.signal).then(
      (data) => setState({ status: 'ready', data, error: null, notFound: false }),
      (error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
        setState((previous) =>
          quiet && previous.status === 'ready'
            ? previous
            : { status: 'error', data: null, error: errorMessage(error), notFound },
        );
      },
    );
  }, []);

  const set = useCallback((data: T) => setState({ status: 'ready', data, error: null, notFound: false }), []);
  useEffect(() => () => request.current?.abort(), []);
  return { ...state, load, set };
}

/**
 * The open ticket (fields, conversations, history) and its thread, kept current: its own events reload the
 * ticket, a message in one of its conversations reloads the thread, a reconnect reloads both.
 */
export function useTicketDetail(api: TicketsApi, live: TicketLive, ticketId: string) {
  const detail = useReloadable<TicketDetailView>((signal) => api.get(ticketId, signal));
  const thread = useReloadable<TicketThreadView>((signal) => api.thread(ticketId, signal));
  const { load: loadDetail, set: setDetail } = detail;
  const { load: loadThread } = thread;
  const conversationIds = useRef(new Set<string>());
  conversationIds.current = new Set(detail.data?.conversations.map((c) => c.conversationId) ?? []);

  useEffect(() => {
    loadDetail(false);
    loadThread(false);
  }, [ticketId, loadDetail, loadThread]);

  useEffect(
    () =>
      live.subscribe((event) => {
        if (event.type === 'connected') {
          loadDetail(true);
          loadThread(true);
        } else if (event.type === 'ticket' && event.ticket.id === ticketId) {
          loadDetail(true);
        } else if (event.type === 'message' && conversationIds.current.has(event.conversationId)) {
          loadThread(true);
        }
      }),
    [live, ticketId, loadDetail, loadThread],
  );

  /** After a write: show what it returned, and the thread again if its conversations changed. */
  const applyWrite = useCallback(
    (next: TicketDetailView) => {
      const before = [...conversationIds.current].sort().join();
      setDetail(next);
      if (
        next.conversations
          .map((c) => c.conversationId)
          .sort()
          .join() !== before
      )
        loadThread(true);
    },
    [setDetail, loadThread],
  );

  return { detail, thread, applyWrite, reloadThread: () => loadThread(true) };
}
