import { PREFERENCE_LIMITS as L, type ChannelSettings, type TimeRange } from '#contracts';

/** "90" → "1 h 30 min": what a number of minutes means, next to the field. */
export function minutesLabel(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return '';
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ');
}

/** The first problem the form can see before asking the server (which checks everything again). */
export function channelSettingsProblem(settings: Partial<ChannelSettings>): string | null {
  const whole = (value: number, min: number, max: number) =>
    Number.isInteger(value) && value >= min && value <= max;
  const timer = settings.ticketTimer;
  if (timer?.mode === 'after' && !whole(timer.minutes, L.ticketTimerMinutes.min, L.ticketTimerMinutes.max)) {
    return 'Ticket timer: enter whole minutes, at most a year.';
  }
  if (
    settings.missedAfterMinutes !== undefined &&
    !whole(settings.missedAfterMinutes, L.missedAfterMinutes.min, L.missedAfterMinutes.max)
  ) {
    return 'Missed after: 1 minute to 24 hours.';
  }
  const missed = settings.missedClose;
  if (missed?.enabled && !whole(missed.afterMinutes, L.missedCloseMinutes.min, L.missedCloseMinutes.max)) {
    return 'Missed chats close after 15 minutes at the earliest and one month (44 640 minutes) at the latest.';
  }
  const idle = settings.idleClose;
  if (idle?.enabled) {
    if (!whole(idle.afterMinutes, L.idleCloseMinutes.min, L.idleCloseMinutes.max)) {
      return 'Idle chats close after 1 minute to 24 hours (1 440 minutes).';
    }
    if (!whole(idle.warnBeforeMinutes, 0, idle.afterMinutes - 1)) {
      return 'The idle warning must come before the chat closes.';
    }
  }
  if (settings.leaveMessage?.enabled && !settings.leaveMessage.reply.trim()) {
    return 'Write the leave-a-message reply, or turn leave a message off.';
  }
  if (
    settings.queueLimit !== undefined &&
    settings.queueLimit !== null &&
    !whole(settings.queueLimit, L.queueLimit.min, L.queueLimit.max)
  ) {
    return 'Queue limit: a whole number of chats, or empty for no limit.';
  }
  return null;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function officeWeek(): TimeRange[][] {
  const day = [{ from: '09:00', to: '18:00' }];
  return [[], day, day, day, day, day, []];
}

/** The browser's own zone as a starting point for new business hours. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
