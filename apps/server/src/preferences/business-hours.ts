import type { BusinessHours, TimeRange } from '#contracts';

/** The wall-clock date and time at `at` in `timeZone` (IANA), from the runtime's time-zone database. */
export function localTime(at: Date, timeZone: string): { date: string; weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** "HH:MM" → minutes after midnight; "24:00" = 1440. Null when malformed. */
export function minutesOf(time: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

function within(ranges: TimeRange[], minutes: number): boolean {
  return ranges.some((r) => minutes >= minutesOf(r.from)! && minutes < minutesOf(r.to)!);
}

/**
 * Is the department open at `at`? In its time zone: an exception for that local date replaces the week's
 * hours for the day (no ranges = closed); no business hours = always open.
 */
export function isOpenAt(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const local = localTime(at, hours.timeZone);
  const exception = hours.exceptions.find((e) => e.date === local.date);
  return within(exception ? exception.hours : (hours.weekly[local.weekday] ?? []), local.minutes);
}
