import {
  PREFERENCE_LIMITS,
  type BusinessHours,
  type ChannelOverrides,
  type IdleCloseSetting,
  type TimeRange,
} from '#contracts';
import { isTimeZone, minutesOf } from './business-hours.js';

/**
 * The checks a DTO cannot express (one field against another); the DTOs have checked types and ranges. Each
 * returns the first problem in words an admin can act on, or null.
 */
export function settingsProblem(
  settings: ChannelOverrides & { businessHours?: BusinessHours | null },
): string | null {
  for (const [key, value] of Object.entries(settings)) {
    if (value === null && key !== 'queueLimit' && key !== 'businessHours') {
      return `${key} cannot be null: leave it out to follow the department`;
    }
  }
  if (settings.ticketTimer && settings.ticketTimer.mode !== 'after' && 'minutes' in settings.ticketTimer) {
    return 'ticketTimer.minutes only goes with mode after';
  }
  if (settings.idleClose) {
    const problem = idleCloseProblem(settings.idleClose);
    if (problem) return problem;
  }
  if (settings.leaveMessage?.enabled && settings.leaveMessage.reply.trim() === '') {
    return 'The leave-a-message reply cannot be empty while leave-a-message is on';
  }
  if (settings.businessHours) return businessHoursProblem(settings.businessHours);
  return null;
}

function idleCloseProblem(idle: IdleCloseSetting): string | null {
  if (idle.warnBeforeMinutes >= idle.afterMinutes) {
    return 'The idle warning must come before the chat closes: warn fewer minutes before than the idle time';
  }
  if (idle.closingMessage !== null && idle.closingMessage.trim() === '') {
    return 'The closing message cannot be blank: leave it out to send none';
  }
  return null;
}

export function businessHoursProblem(hours: BusinessHours): string | null {
  if (!isTimeZone(hours.timeZone))
    return `"${hours.timeZone}" is not a time zone (use an IANA name like Asia/Shanghai)`;
  if (hours.weekly.length !== 7) return 'Business hours need seven days, Sunday first';
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  for (const [index, ranges] of hours.weekly.entries()) {
    const problem = rangesProblem(ranges);
    if (problem) return `${days[index]}: ${problem}`;
  }
  const dates = new Set<string>();
  for (const exception of hours.exceptions) {
    if (!isCalendarDate(exception.date)) return `${exception.date} is not a date (use YYYY-MM-DD)`;
    if (dates.has(exception.date)) return `${exception.date} is listed twice in the exceptions`;
    dates.add(exception.date);
    const problem = rangesProblem(exception.hours);
    if (problem) return `${exception.date}: ${problem}`;
  }
  return null;
}

function rangesProblem(ranges: TimeRange[]): string | null {
  if (ranges.length > PREFERENCE_LIMITS.rangesPerDay) {
    return `at most ${PREFERENCE_LIMITS.rangesPerDay} time ranges a day`;
  }
  const parsed: [number, number][] = [];
  for (const range of ranges) {
    if (
      typeof range !== 'object' ||
      range === null ||
      typeof range.from !== 'string' ||
      typeof range.to !== 'string'
    ) {
      return 'each time range needs a from and a to (HH:MM)';
    }
    const from = minutesOf(range.from);
    const to = minutesOf(range.to);
    if (from === null || to === null) return `${range.from}–${range.to} is not a time range (use HH:MM)`;
    if (to <= from) return `${range.from}–${range.to} ends before it starts`;
    parsed.push([from, to]);
  }
  parsed.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]![0] < parsed[i - 1]![1]) return 'time ranges overlap';
  }
  return null;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
