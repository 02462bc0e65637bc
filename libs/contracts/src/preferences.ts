/**
 * Preferences per department, with per-channel overrides (PF1–PF3, TK1, TK2, TK4). Durations are whole
 * minutes: the timers are exact to the minute (PF4).
 */

/** TK2: when a customer writes again in an open chat, does the message join its ticket or start a new one? */
export type TicketTimer =
  /** Always the same ticket. */
  | { mode: 'never' }
  /** A new ticket whenever the chat's ticket has been closed. */
  | { mode: 'always' }
  /** A new ticket when `minutes` or more have passed since the ticket's last activity (or it was closed). */
  | { mode: 'after'; minutes: number };

export type TicketTimerMode = TicketTimer['mode'];
export const TICKET_TIMER_MODES: readonly TicketTimerMode[] = ['never', 'always', 'after'];

/** PF2: a missed chat (nobody took it in time) closes this long after it was missed. */
export interface MissedCloseSetting {
  enabled: boolean;
  afterMinutes: number;
}

/**
 * PF3: a chat with no message from either side for `afterMinutes` closes; the agent is warned
 * `warnBeforeMinutes` before (0: no warning); `closingMessage` goes to the customer when the WeChat reply
 * window still allows it. A bot's idle setting would override this on channels a bot handles: there is no
 * bot yet, so no channel has one (see docs/preferences.md).
 */
export interface IdleCloseSetting {
  enabled: boolean;
  afterMinutes: number;
  warnBeforeMinutes: number;
  closingMessage: string | null;
}

/** TK4: the reply a customer gets when nobody can take the chat now; the chat becomes a ticket. */
export interface LeaveMessageSetting {
  enabled: boolean;
  reply: string;
}

/** What a channel may override. */
export interface ChannelSettings {
  /** TK1: every new chat becomes a ticket when it starts. */
  autoTicket: boolean;
  ticketTimer: TicketTimer;
  /** A waiting chat nobody takes within this becomes missed. */
  missedAfterMinutes: number;
  missedClose: MissedCloseSetting;
  idleClose: IdleCloseSetting;
  leaveMessage: LeaveMessageSetting;
  /** More waiting chats than this in the department: new customers are asked to leave a message. Null: no limit. */
  queueLimit: number | null;
}

/** "HH:MM" to "HH:MM" local time, `to` after `from`; "24:00" ends at midnight. */
export interface TimeRange {
  from: string;
  to: string;
}

/** A day that differs from the week: no ranges = closed all day. */
export interface BusinessHoursException {
  /** "YYYY-MM-DD" in the department's time zone. */
  date: string;
  hours: TimeRange[];
  note: string | null;
}

export interface BusinessHours {
  /** IANA, e.g. "Asia/Shanghai". */
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; an empty day is closed. */
  weekly: TimeRange[][];
  exceptions: BusinessHoursException[];
}

export interface DepartmentSettings extends ChannelSettings {
  /** Null: open around the clock. */
  businessHours: BusinessHours | null;
}

export type ChannelOverrides = Partial<ChannelSettings>;

export interface DepartmentPreferencesView {
  departmentId: string;
  departmentName: string;
  settings: DepartmentSettings;
  /** False: nobody saved this department's settings yet; these are the defaults. */
  saved: boolean;
  updatedAt: string | null;
}

export interface ChannelPreferencesView {
  channelId: string;
  channelName: string;
  departmentId: string | null;
  /** Only what this channel sets differently from its department. */
  overrides: ChannelOverrides;
  /** What applies on this channel: its overrides over its department's settings. */
  effective: DepartmentSettings;
  updatedAt: string | null;
}

export interface UpdateChannelPreferencesRequest {
  overrides: ChannelOverrides;
}

export const CHANNEL_SETTING_KEYS: readonly (keyof ChannelSettings)[] = [
  'autoTicket',
  'ticketTimer',
  'missedAfterMinutes',
  'missedClose',
  'idleClose',
  'leaveMessage',
  'queueLimit',
];

/** The limits the server enforces; the console shows them next to the fields. */
export const PREFERENCE_LIMITS = {
  ticketTimerMinutes: { min: 1, max: 60 * 24 * 365 },
  missedAfterMinutes: { min: 1, max: 24 * 60 },
  /** PF2: 15 minutes up to one month. */
  missedCloseMinutes: { min: 15, max: 31 * 24 * 60 },
  /** PF3: up to 24 hours. */
  idleCloseMinutes: { min: 1, max: 24 * 60 },
  closingMessageChars: 600,
  leaveMessageChars: 600,
  queueLimit: { min: 1, max: 10_000 },
  exceptions: 366,
  rangesPerDay: 6,
} as const;
