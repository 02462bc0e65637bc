import type { ConversationView } from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import type { DeskApi } from '../api/desk-api';
import type { InboxView } from '../routing/hash-route';
import { applyConversationUpdate, sortByLastMessage } from './conversation-order';

export interface InboxState {
  conversations: ConversationView[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

const LOADING: InboxState = { conversations: [], status: 'loading', error: null };

/**
 * The conversations of one inbox view, kept current by live updates. Updates that arrive while the list is
 * being fetched are applied again on top of the fetched list, so none is lost to the race.
 */
export function useInbox(api: DeskApi, view: InboxView) {
  const [state, setState] = useState<InboxState>(LOADING);
  const updatesDuringFetch = useRef<ConversationView[] | null>(null);
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback(
    (quiet: boolean) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      updatesDuringFetch.current = [];
      if (!quiet) setState((current) => ({ ...current, status: 'loading', error: null }));
      api.listConversations(view, controller.signal).then(
        (fetched) => {
          if (controller.signal.aborted) return;
          let conversations = sortByLastMessage(fetched);
          for (const update of updatesDuringFetch.current ?? []) {
            conversations = applyConversationUpdate(conversations, update, view);
          }
          updatesDuringFetch.current = null;
          setState({ conversations, status: 'ready', error: null });
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          updatesDuringFetch.current = null;
          // A background refresh that fails keeps what is on screen; the connection banner says why.
          setState((current) =>
            quiet && current.status === 'ready'
              ? current
              : { ...current, status: 'error', error: errorMessage(error) },
          );
        },
      );
    },
    [api, view],
  );

  useEffect(() => {
    setState(LOADING);
    load(false);
    return () => inFlight.current?.abort();
  }, [load]);

  const applyUpdate = useCallback(
    (conversation: ConversationView) => {
      updatesDuringFetch.current?.push(conversation);
      setState((current) => ({
        ...current,
        conversations: applyConversationUpdate(current.conversations, conversation, view),
      }));
    },
    [view],
  );

  return { ...state, reload: load, applyUpdate };
}
