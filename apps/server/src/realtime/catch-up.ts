import type { CatchUpResult, LiveEventRecord } from '#contracts';
import type { LogWindow } from './event-log.repository.js';

/**
 * The position a console sends: the last `seq` it applied. Anything else — nothing, a negative, a fraction,
 * a string — means it has none, and it reloads its views.
 */
export function positionOf(payload: unknown): number | null {
  const since = (payload as { since?: unknown } | null)?.since;
  return typeof since === 'number' && Number.isSafeInteger(since) && since >= 0 ? since : null;
}

/**
 * What a console that applied everything up to `since` gets (RT2): the events after it that it may see, in
 * order, or "resync" when the log cannot say what it missed. `window` was read for `limit + 1` events.
 */
export function decideCatchUp(since: number, window: LogWindow, limit: number): CatchUpResult {
  const { head, prunedThrough, events } = window;
  if (since > head) return { status: 'resync', reason: 'unknown-position', head };
  if (since < prunedThrough) return { status: 'resync', reason: 'expired', head };
  if (events.length > limit) return { status: 'resync', reason: 'too-many', head };
  return {
    status: 'events',
    events: events.map(({ event, payload }) => ({ event, payload }) as LiveEventRecord),
    head,
  };
}
