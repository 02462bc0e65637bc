import type { Presence, UserView } from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import type { AccountApi } from '../api/account-api';
import { createActivityThrottle } from './activity-throttle';

/** Matches the server's own write interval for activity (it ignores reports in between). */
export const ACTIVITY_REPORT_INTERVAL_MS = 30_000;
/** How often a visible console asks whether the server has set the person away for being idle. */
const PRESENCE_REFRESH_MS = 30_000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export interface PresenceState {
  presence: Presence;
  reason: UserView['presenceReason'];
  busy: boolean;
  error: string | null;
  choose(presence: Presence): Promise<void>;
}

/**
 * The signed-in person's presence: what they chose, or "away (idle)" when the server set it after
 * inactivity. Input in a visible tab is reported (throttled), which brings an idle person back online.
 */
export function usePresence(api: AccountApi, initial: UserView): PresenceState {
  const [state, setState] = useState({ presence: initial.presence, reason: initial.presenceReason });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const throttle = useRef(createActivityThrottle(ACTIVITY_REPORT_INTERVAL_MS));
  const idle = useRef(initial.presence === 'away' && initial.presenceReason === 'idle');

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      idle.current = me.presence === 'away' && me.presenceReason === 'idle';
      // Whatever the person does next says they are back: report it without waiting for the interval.
      if (idle.current) throttle.current.reset();
      setState({ presence: me.presence, reason: me.presenceReason });
    } catch {
      // A failed refresh keeps what is shown; a 401 ends the session through the HTTP client.
    }
  }, [api]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, PRESENCE_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  useEffect(() => {
    const onInput = () => {
      if (!throttle.current.shouldReport(Date.now(), document.visibilityState !== 'visible')) return;
      api
        .reportActivity()
        .then(() => (idle.current ? refresh() : undefined))
        .catch(() => {
          // Best effort: the next input after the interval tries again.
        });
    };
    const options = { passive: true, capture: true };
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, options);
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, options);
    };
  }, [api, refresh]);

  const saving = useRef(false);
  const choose = useCallback(
    async (presence: Presence) => {
      if (saving.current) return;
      saving.current = true;
      setBusy(true);
      setError(null);
      try {
        await api.setPresence(presence);
        idle.current = false;
        setState({ presence, reason: presence === 'online' ? null : 'chosen' });
      } catch (failure) {
        setError(errorMessage(failure));
      } finally {
        saving.current = false;
        setBusy(false);
      }
    },
    [api],
  );

  return { ...state, busy, error, choose };
}
