import type { BusinessHours, TimeRange } from '#contracts';
import { FakeClock } from '../common/clock.js';
import { isOpenAt, localTime } from './business-hours.js';
import { effectiveSettings } from './effective-settings.js';
import { DEFAULT_SETTINGS } from './preference-defaults.js';
import { businessHoursProblem, settingsProblem } from './preference-rules.js';
import { addMinutes, formatDuration, startsNewTicket, timerReasons } from './timer-rules.js';

const nineToSix: TimeRange[] = [{ from: '09:00', to: '18:00' }];
const weekdays = (ranges: TimeRange[]): TimeRange[][] => [[], ranges, ranges, ranges, ranges, ranges, []];

describe('business hours', () => {
  const shanghai: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: weekdays(nineToSix), exceptions: [] };

  it('reads the time in the department’s time zone, not the server’s', () => {
    // Tuesday 2026-12-01 00:30 UTC is 08:30 in Shanghai: not open yet; 01:00 UTC is 09:00: open.
    expect(isOpenAt(shanghai, new Date('2026-12-01T00:59:00Z'))).toBe(false);
    expect(isOpenAt(shanghai, new Date('2026-12-01T01:00:00Z'))).toBe(true);
    // 17:59 in Shanghai is open, 18:00 is closed (ranges end exclusive).
    expect(isOpenAt(shanghai, new Date('2026-12-01T09:59:00Z'))).toBe(true);
    expect(isOpenAt(shanghai, new Date('2026-12-01T10:00:00Z'))).toBe(false);
  });

  it('takes the local weekday: Monday 23:30 UTC is already Tuesday in Shanghai', () => {
    const hours: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      weekly: [[], [], [{ from: '07:00', to: '08:00' }], [], [], [], []],
      exceptions: [],
    };
    expect(localTime(new Date('2026-11-30T23:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-12-01',
      weekday: 2,
      minutes: 7 * 60 + 30,
    });
    expect(isOpenAt(hours, new Date('2026-11-30T23:30:00Z'))).toBe(true);
  });

  it('follows daylight saving time (New York: 09:00 is 14:00 UTC in winter, 13:00 UTC in summer)', () => {
    const newYork: BusinessHours = {
      timeZone: 'America/New_York',
      weekly: weekdays(nineToSix),
      exceptions: [],
    };
    expect(isOpenAt(newYork, new Date('2026-12-01T13:30:00Z'))).toBe(false);
    expect(isOpenAt(newYork, new Date('2026-12-01T14:00:00Z'))).toBe(true);
    expect(isOpenAt(newYork, new Date('2026-07-01T13:00:00Z'))).toBe(true);
  });

  it('an exception replaces the day: closed holidays and special hours', () => {
    const hours: BusinessHours = {
      ...shanghai,
      exceptions: [
        { date: '2026-12-01', hours: [], note: 'Closed' },
        { date: '2026-12-05', hours: [{ from: '10:00', to: '12:00' }], note: 'Saturday opening' },
      ],
    };
    expect(isOpenAt(hours, new Date('2026-12-01T03:00:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2026-12-02T03:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, new Date('2026-12-05T02:00:00Z'))).toBe(true); // 10:00 Saturday
    expect(isOpenAt(hours, new Date('2026-12-05T04:00:00Z'))).toBe(false); // 12:00 Saturday
  });

  it('no business hours means always open; 24:00 ends a day at midnight', () => {
    expect(isOpenAt(null, new Date())).toBe(true);
    const allDay: BusinessHours = {
      timeZone: 'UTC',
      weekly: Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]),
      exceptions: [],
    };
    expect(isOpenAt(allDay, new Date('2026-12-01T23:59:00Z'))).toBe(true);
  });
});

describe('validation of settings', () => {
  const hours = (patch: Partial<BusinessHours>): BusinessHours => ({
    timeZone: 'Europe/Berlin',
    weekly: weekdays(nineToSix),
    exceptions: [],
    ...patch,
  });

  it('accepts sound business hours', () => {
    expect(businessHoursProblem(hours({}))).toBeNull();
  });

  it('names the problem', () => {
    expect(businessHoursProblem(hours({ timeZone: 'Mars/Olympus' }))).toMatch(/not a time zone/);
    expect(businessHoursProblem(hours({ weekly: [[]] }))).toMatch(/seven days/);
    expect(businessHoursProblem(hours({ weekly: weekdays([{ from: '18:00', to: '09:00' }]) }))).toMatch(
      /^Monday: 18:00–09:00 ends before it starts/,
    );
    expect(
      businessHoursProblem(
        hours({
          weekly: weekdays([
            { from: '09:00', to: '12:00' },
            { from: '11:00', to: '14:00' },
          ]),
        }),
      ),
    ).toMatch(/overlap/);
    expect(businessHoursProblem(hours({ weekly: weekdays([{ from: '9:00', to: '12:00' }]) }))).toMatch(
      /not a time range/,
    );
    expect(
      businessHoursProblem(hours({ exceptions: [{ date: '2026-02-30', hours: [], note: null }] })),
    ).toMatch(/not a date/);
    expect(
      businessHoursProblem(
        hours({
          exceptions: [
            { date: '2026-12-25', hours: [], note: null },
            { date: '2026-12-25', hours: [], note: null },
          ],
        }),
      ),
    ).toMatch(/listed twice/);
  });

  it('the idle warning must come before the close; a blank closing message or reply is refused', () => {
    const idle = { enabled: true, afterMinutes: 30, warnBeforeMinutes: 30, closingMessage: null };
    expect(settingsProblem({ idleClose: idle })).toMatch(/warning must come before/);
    expect(settingsProblem({ idleClose: { ...idle, warnBeforeMinutes: 29 } })).toBeNull();
    expect(settingsProblem({ idleClose: { ...idle, warnBeforeMinutes: 5, closingMessage: '  ' } })).toMatch(
      /closing message cannot be blank/,
    );
    expect(settingsProblem({ leaveMessage: { enabled: true, reply: ' ' } })).toMatch(/reply cannot be empty/);
  });
});

describe('effective settings', () => {
  it('a channel’s override replaces its department’s setting whole; the rest is the department’s', () => {
    const department = { ...DEFAULT_SETTINGS, autoTicket: true, missedAfterMinutes: 7 };
    const effective = effectiveSettings(department, {
      idleClose: { enabled: true, afterMinutes: 60, warnBeforeMinutes: 5, closingMessage: 'Bye' },
    });
    expect(effective.autoTicket).toBe(true);
    expect(effective.missedAfterMinutes).toBe(7);
    expect(effective.idleClose).toEqual({
      enabled: true,
      afterMinutes: 60,
      warnBeforeMinutes: 5,
      closingMessage: 'Bye',
    });
    expect(effectiveSettings(null, null)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('timers', () => {
  it('ticket timer: one minute before the duration is the same ticket, the duration and after are a new one', () => {
    const clock = new FakeClock(new Date('2026-12-01T10:00:00Z'));
    const ticket = { status: 'open' as const, lastActivityAt: clock.now() };
    const timer = { mode: 'after' as const, minutes: 3 * 24 * 60 };
    clock.advance((3 * 24 * 60 - 1) * 60_000);
    expect(startsNewTicket(timer, ticket, clock.now())).toBe(false);
    clock.advance(60_000);
    expect(startsNewTicket(timer, ticket, clock.now())).toBe(true);
    clock.advance(60_000);
    expect(startsNewTicket(timer, ticket, clock.now())).toBe(true);
  });

  it('never keeps the ticket, always starts one once it is closed', () => {
    const at = new Date('2026-12-10T00:00:00Z');
    const old = { status: 'open' as const, lastActivityAt: new Date('2026-01-01T00:00:00Z') };
    expect(startsNewTicket({ mode: 'never' }, old, at)).toBe(false);
    expect(startsNewTicket({ mode: 'never' }, { ...old, status: 'closed' }, at)).toBe(false);
    expect(startsNewTicket({ mode: 'always' }, old, at)).toBe(false);
    expect(startsNewTicket({ mode: 'always' }, { ...old, status: 'closed' }, at)).toBe(true);
    expect(
      startsNewTicket({ mode: 'after', minutes: 60 }, { status: 'closed', lastActivityAt: at }, at),
    ).toBe(true);
  });

  it('says durations the way the activity reads', () => {
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration(24 * 3600_000)).toBe('24 h');
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(3 * 24 * 3600_000 + 5 * 60_000)).toBe('3 days');
    expect(timerReasons.idleClosed(24 * 60)).toBe('Closed after 24 h idle');
    expect(timerReasons.missed(5)).toBe('Missed: nobody took it within 5 min');
    expect(timerReasons.ticketTimer(3 * 24 * 3600_000, 17)).toBe('Customer wrote 3 days after #17');
    expect(addMinutes(new Date('2026-12-01T00:00:00Z'), 15).toISOString()).toBe('2026-12-01T00:15:00.000Z');
  });

  it('a fake clock only moves forward', () => {
    const clock = new FakeClock(new Date('2026-12-01T00:00:00Z'));
    expect(() => clock.advance(-1)).toThrow();
    expect(clock.advance(60_000).toISOString()).toBe('2026-12-01T00:01:00.000Z');
  });
});
