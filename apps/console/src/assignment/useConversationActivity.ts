import type { ConversationActivityView } from '#contracts';
import { useCallback, useEffect, useState } from 'react';
import type { AssignmentApi } from '../api/assignment-api';
import { mergeActivity } from './timeline';

/** The open conversation's activity lines: loaded with it, then kept up to date by live events. */
export function useConversationActivity(api: AssignmentApi | null, conversationId: string | null) {
  const [state, setState] = useState<{ id: string | null; lines: ConversationActivityView[] }>({
    id: conversationId,
    lines: [],
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!conversationId || !api) return;
    const controller = new AbortController();
    api.activity(conversationId, controller.signal).then(
      (lines) =>
        setState((previous) => ({
          id: conversationId,
          // Lines that arrived live while this was loading are kept.
          lines: (previous.id === conversationId ? previous.lines : []).reduce(mergeActivity, lines),
        })),
      // Nothing to show for a failure: the timeline keeps its messages, and the next reload brings the lines.
      () => undefined,
    );
    return () => controller.abort();
  }, [api, conversationId, attempt]);

  const apply = useCallback((line: ConversationActivityView) => {
    setState((previous) =>
      previous.id === line.conversationId
        ? { ...previous, lines: mergeActivity(previous.lines, line) }
        : previous,
    );
  }, []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return { lines: state.id === conversationId ? state.lines : [], apply, reload };
}
