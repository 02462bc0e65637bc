import type { ConversationView } from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import type { DeskApi } from '../api/desk-api';
import {
  appendPage,
  applyConversationUpdate,
  sortConversations,
  type InboxSelection,
} from './conversation-order';

export interface InboxState {
  conversations: ConversationView[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Null when everything of the view is loaded. */
  nextCursor: string | null;
  loadingMore: boolean;
}

const LOADING: InboxState = {
  conversations: [],
  status: 'loading',
  error: null,
  nextCursor: null,
  loadingMore: false,
};

const PAGE_SIZE = 50;

/**
 * The conversations of one inbox view, page by page, kept current by live updates. Updates that arrive while
 * the first page is being fetched are applied again on top of it, so none is lost to the race.
 */
export function useInbox(api: DeskApi, selection: InboxSelection) {
  const [state, setState] = useState<InboxState>(LOADING);
  const updatesDuringFetch = useRef<ConversationView[] | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const { view, channelId, departmentId, sort, userId } = selection;
  const current = useRef(selection);
  current.current = selection;

  const load = useCallback(
    (quiet: boolean) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      updatesDuringFetch.current = [];
      if (!quiet) setState((now) => ({ ...now, status: 'loading', error: null }));
      api
        .inbox(
          {
            view,
            sort,
            channelId: channelId ?? undefined,
            departmentId: departmentId ?? undefined,
            limit: PAGE_SIZE,
          },
          controller.signal,
        )
        .then(
          (page) => {
            if (controller.signal.aborted) return;
            let conversations = sortConversations(page.conversations, sort);
            for (const update of updatesDuringFetch.current ?? []) {
              conversations = applyConversationUpdate(conversations, update, current.current);
            }
            updatesDuringFetch.current = null;
            setState({
              conversations,
              status: 'ready',
              error: null,
              nextCursor: page.nextCursor,
              loadingMore: false,
            });
          },
          (error: unknown) => {
            if (controller.signal.aborted || isAbort(error)) return;
            updatesDuringFetch.current = null;
            // A background refresh that fails keeps what is on screen; the connection banner says why.
            setState((now) =>
              quiet && now.status === 'ready' ? now : { ...now, status: 'error', error: errorMessage(error) },
            );
          },
        );
    },
    [api, view, sort, channelId, departmentId],
  );

  useEffect(() => {
    setState(LOADING);
    load(false);
    return () => inFlight.current?.abort();
  }, [load, userId]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return;
    setState((now) => ({ ...now, loadingMore: true }));
    api
      .inbox({
        view,
        sort,
        channelId: channelId ?? undefined,
        departmentId: departmentId ?? undefined,
        limit: PAGE_SIZE,
        cursor,
      })
      .then(
        (page) =>
          setState((now) => ({
            ...now,
            conversations: appendPage(now.conversations, page.conversations),
            nextCursor: page.nextCursor,
            loadingMore: false,
          })),
        (error: unknown) => setState((now) => ({ ...now, loadingMore: false, error: errorMessage(error) })),
      );
  }, [api, view, sort, channelId, departmentId, state.nextCursor, state.loadingMore]);

  const applyUpdate = useCallback((conversation: ConversationView) => {
    updatesDuringFetch.current?.push(conversation);
    setState((now) => ({
      ...now,
      conversations: applyConversationUpdate(now.conversations, conversation, current.current),
    }));
  }, []);

  return { ...state, reload: load, loadMore, applyUpdate };
}
