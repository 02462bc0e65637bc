/**
 * The console tells the server that the person is at the keyboard (so an idle agent becomes away and an
 * active one stays online), at most once per interval, and never for a hidden tab: input in a tab nobody
 * looks at is not attention.
 */
export interface ActivityThrottle {
  /** An input happened at `now`: true when it should be reported (and it then counts as reported). */
  shouldReport(now: number, hidden: boolean): boolean;
  /** The server set the person away for being idle: their next input is reported at once. */
  reset(): void;
}

export function createActivityThrottle(intervalMs: number): ActivityThrottle {
  let last = -Infinity;
  return {
    shouldReport(now, hidden) {
      if (hidden || now - last < intervalMs) return false;
      last = now;
      return true;
    },
    reset() {
      last = -Infinity;
    },
  };
}
