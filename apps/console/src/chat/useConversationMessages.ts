import type { MessageView } from '#contracts';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import type { DeskApi } from '../api/desk-api';
import { mergeMessage, sortOldestFirst } from './message-order';

export interface MessagesState {
  conversationId: string | null;
  messages: MessageView[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
}

/**
 * The messages of the open conversation, oldest first, merged by id from three sources: the fetched
 * history, live events, and the responses to the agent's own sends.
 */
export function useConversationMessages(api: DeskApi, conversationId: string | null) {
  const [state, setState] = useState<MessagesState>({
    conversationId,
    messages: [],
    status: conversationId ? 'loading' : 'idle',
    error: null,
  });
  const updatesDuringFetch = useRef<MessageView[] | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const current = useRef(conversationId);
  useLayoutEffect(() => {
    current.current = conversationId;
  }, [conversationId]);

  const load = useCallback(
    (quiet: boolean) => {
      inFlight.current?.abort();
      if (!conversationId) return;
      const controller = new AbortController();
      inFlight.current = controller;
      updatesDuringFetch.current = [];
      if (!quiet) setState((previous) => ({ ...previous, status: 'loading', error: null }));
      api.listMessages(conversationId, controller.signal).then(
        (fetched) => {
          if (controller.signal.aborted) return;
          let messages = sortOldestFirst(fetched);
          for (const update of updatesDuringFetch.current ?? []) messages = mergeMessage(messages, update);
          updatesDuringFetch.current = null;
          setState({ conversationId, messages, status: 'ready', error: null });
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          updatesDuringFetch.current = null;
          setState((previous) =>
            quiet && previous.status === 'ready'
              ? previous
              : { ...previous, status: 'error', error: errorMessage(error) },
          );
        },
      );
    },
    [api, conversationId],
  );

  useEffect(() => {
    setState({ conversationId, messages: [], status: conversationId ? 'loading' : 'idle', error: null });
    load(false);
    return () => inFlight.current?.abort();
  }, [conversationId, load]);

  /** Adds or updates one message if it belongs to the open conversation. */
  const apply = useCallback((message: MessageView) => {
    if (message.conversationId !== current.current) return;
    updatesDuringFetch.current?.push(message);
    setState((previous) =>
      previous.conversationId === message.conversationId
        ? { ...previous, messages: mergeMessage(previous.messages, message) }
        : previous,
    );
  }, []);

  // Until the effect above has run, the state still describes the previous conversation.
  const own: MessagesState =
    state.conversationId === conversationId
      ? state
      : { conversationId, messages: [], status: conversationId ? 'loading' : 'idle', error: null };
  return { ...own, reload: load, apply };
}
