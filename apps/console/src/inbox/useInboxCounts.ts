import type { InboxCounts } from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskApi } from '../api/desk-api';

/** Live updates come in bursts (a customer's several messages): the counts are asked once per burst. */
const SETTLE_MS = 250;

/**
 * How many conversations each view holds, with the inbox's filters. The server counts (it knows the scope);
 * the counts are asked again after live updates, so they follow chats as they arrive, are taken or close.
 */
export function useInboxCounts(
  api: DeskApi,
  filters: { channelId: string | null; departmentId: string | null },
) {
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const timer = useRef<number | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const { channelId, departmentId } = filters;

  const load = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    api
      .inboxCounts(
        { channelId: channelId ?? undefined, departmentId: departmentId ?? undefined },
        controller.signal,
      )
      .then(
        (fetched) => {
          if (!controller.signal.aborted) setCounts(fetched);
        },
        // The tabs keep the last counts; the connection banner or the list says what went wrong.
        () => undefined,
      );
  }, [api, channelId, departmentId]);

  useEffect(() => {
    load();
    return () => {
      inFlight.current?.abort();
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [load]);

  const refreshSoon = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      load();
    }, SETTLE_MS);
  }, [load]);

  return { counts, refreshSoon };
}
