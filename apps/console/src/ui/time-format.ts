const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const longDayYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

function daysAgo(time: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(time)) / DAY);
}

/** Compact, for the inbox: "now", "5 min", "14:05", "Yesterday", "Mon", "12 Mar". */
export function formatListTime(iso: string, now: number): string {
  const time = Date.parse(iso);
  const age = now - time;
  if (age < MINUTE) return 'now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`;
  const days = daysAgo(time, now);
  if (days <= 0) return clock.format(time);
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekday.format(time);
  return new Date(time).getFullYear() === new Date(now).getFullYear()
    ? dayMonth.format(time)
    : dayMonthYear.format(time);
}

/** The same moment in words, for screen readers and tooltips. */
export function formatRelativeLong(iso: string, now: number): string {
  const time = Date.parse(iso);
  const age = now - time;
  if (age < MINUTE) return 'just now';
  if (age < HOUR) {
    const minutes = Math.floor(age / MINUTE);
    return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  }
  return full.format(time);
}

export function formatFullTime(iso: string): string {
  return full.format(Date.parse(iso));
}

export function formatClock(iso: string): string {
  return clock.format(Date.parse(iso));
}

/** For the separators between days in a conversation. */
export function formatDay(iso: string, now: number): string {
  const time = Date.parse(iso);
  const days = daysAgo(time, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Date(time).getFullYear() === new Date(now).getFullYear()
    ? longDay.format(time)
    : longDayYear.format(time);
}

export function isSameDay(a: string, b: string): boolean {
  return startOfDay(Date.parse(a)) === startOfDay(Date.parse(b));
}

/** "37 h 12 m", "12 m", "under a minute". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'under a minute';
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  return hours > 0 ? `${hours} h ${minutes} m` : `${minutes} m`;
}
