import type { ChannelSettings } from '#contracts';

/** Settings as the server's defaults are (the console cannot import the server's file). */
export const DEFAULT_LIKE: ChannelSettings = {
  autoTicket: false,
  ticketTimer: { mode: 'never' },
  missedAfterMinutes: 10,
  missedClose: { enabled: false, afterMinutes: 1440 },
  idleClose: { enabled: false, afterMinutes: 1440, warnBeforeMinutes: 10, closingMessage: null },
  leaveMessage: { enabled: false, reply: 'Thank you' },
  queueLimit: null,
};
