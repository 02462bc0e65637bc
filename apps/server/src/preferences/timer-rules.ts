import type { TicketStatus, TicketTimer } from '#contracts';

const MINUTE_MS = 60_000;

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}

/**
 * TK2: does a customer's message at `at` start a new ticket rather than join the chat's current one? The
 * boundary belongs to the new ticket: exactly `minutes` after the last activity is "after".
 */
export function startsNewTicket(
  timer: TicketTimer,
  ticket: { status: TicketStatus; lastActivityAt: Date },
  at: Date,
): boolean {
  switch (timer.mode) {
    case 'never':
      return false;
    case 'always':
      return ticket.status === 'closed';
    case 'after':
      return (
        ticket.status === 'closed' ||
        at.getTime() - ticket.lastActivityAt.getTime() >= timer.minutes * MINUTE_MS
      );
  }
}

/** "5 min", "24 h", "3 days", "1 h 30 min": how the reasons in the activity say a duration. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  if (minutes >= 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  return `${minutes} min`;
}

/** The reasons the system writes into the conversation's and the ticket's activity (issue 6, item 8). */
export const timerReasons = {
  missed: (minutes: number) => `Missed: nobody took it within ${formatDuration(minutes * MINUTE_MS)}`,
  missedClosed: (minutes: number) => `Closed ${formatDuration(minutes * MINUTE_MS)} after it was missed`,
  idleWarning: (minutes: number, warnBefore: number) =>
    `Closes in ${formatDuration(warnBefore * MINUTE_MS)} unless someone writes (idle for ${formatDuration((minutes - warnBefore) * MINUTE_MS)})`,
  idleClosed: (minutes: number) => `Closed after ${formatDuration(minutes * MINUTE_MS)} idle`,
  /** On the new ticket; the conversation's entry adds the new number ("new ticket #42: …"). */
  ticketTimer: (gapMs: number, oldNumber: number) =>
    `Customer wrote ${formatDuration(gapMs)} after #${oldNumber}`,
  ticketTimerClosed: (oldNumber: number) => `Customer wrote again after #${oldNumber} was closed`,
};
