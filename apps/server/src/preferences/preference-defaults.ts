import type { DepartmentSettings } from '#contracts';

/**
 * What applies before an admin saves anything (and to chats of a channel with no department): nothing is
 * closed or converted automatically, a chat waits 10 minutes before it counts as missed.
 */
export const DEFAULT_SETTINGS: DepartmentSettings = {
  autoTicket: false,
  ticketTimer: { mode: 'never' },
  missedAfterMinutes: 10,
  missedClose: { enabled: false, afterMinutes: 24 * 60 },
  idleClose: { enabled: false, afterMinutes: 24 * 60, warnBeforeMinutes: 10, closingMessage: null },
  leaveMessage: {
    enabled: false,
    reply: 'Thank you for your message. Nobody can answer right now; we will reply as soon as we can.',
  },
  queueLimit: null,
  businessHours: null,
};
