import type { ConversationView } from '#contracts';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage, isAbort } from '../api/api-error';
import type { DeskApi } from '../api/desk-api';

interface Fetched {
  id: string;
  conversation: ConversationView | null;
  error: string | null;
  notFound: boolean;
}

/**
 * The open conversation's details: from the inbox when it is listed there, else fetched by id (a link to a
 * conversation of another view, or the inbox is still loading).
 */
export function useConversation(api: DeskApi, id: string | null, listed: ConversationView | undefined) {
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const isListed = listed !== undefined;

  useEffect(() => {
    if (!id || isListed) return;
    const controller = new AbortController();
    api.getConversation(id, controller.signal).then(
      (conversation) => setFetched({ id, conversation, error: null, notFound: false }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
        setFetched({ id, conversation: null, error: errorMessage(error), notFound });
      },
    );
    return () => controller.abort();
  }, [api, id, isListed]);

  const applyUpdate = useCallback((conversation: ConversationView) => {
    setFetched((previous) => (previous?.id === conversation.id ? { ...previous, conversation } : previous));
  }, []);

  const own = fetched?.id === id ? fetched : null;
  return {
    conversation: listed ?? own?.conversation ?? null,
    error: listed ? null : (own?.error ?? null),
    notFound: listed ? false : (own?.notFound ?? false),
    applyUpdate,
  };
}
