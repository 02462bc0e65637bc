import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';

export interface Loaded<T> {
  status: 'loading' | 'ready' | 'error';
  data: T | null;
  error: string | null;
  reload(): void;
  /** Replace the data with what a write returned, without asking the server again. */
  set(data: T): void;
}

/** Loads once per `key`, cancelling a load that is no longer wanted. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ status: Loaded<T>['status']; data: T | null; error: string | null }>({
    status: 'loading',
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({
      ...previous,
      status: previous.data === null ? 'loading' : previous.status,
      error: null,
    }));
    loader
      .current(controller.signal)
      .then((data) => setState({ status: 'ready', data, error: null }))
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        setState((previous) => ({ ...previous, status: 'error', error: errorMessage(error) }));
      });
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data, error: null }), []);
  return { ...state, reload, set };
}
