import type { DepartmentSettings, TimeRange } from '#contracts';
import { DEFAULT_SETTINGS } from '../preferences/preference-defaults.js';
import { describeLeftMessage, leaveMessageReason } from './leave-message-rules.js';

const nineToSix: TimeRange[] = [{ from: '09:00', to: '18:00' }];
const settings = (patch: Partial<DepartmentSettings> = {}): DepartmentSettings => ({
  ...DEFAULT_SETTINGS,
  leaveMessage: { enabled: true, reply: 'Leave us a message' },
  businessHours: {
    timeZone: 'Asia/Shanghai',
    weekly: [[], nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, []],
    exceptions: [{ date: '2026-12-03', hours: [], note: 'Closed for training' }],
  },
  ...patch,
});
// Tuesday 2026-12-01 10:00 in Shanghai.
const tuesdayMorning = new Date('2026-12-01T02:00:00Z');
const staffed = { agentsOnline: 2, waiting: 1 };

describe('leave a message (TK4)', () => {
  it('off: never', () => {
    expect(
      leaveMessageReason(
        settings({ leaveMessage: { enabled: false, reply: 'x' } }),
        { agentsOnline: 0, waiting: 99 },
        tuesdayMorning,
      ),
    ).toBeNull();
  });

  it('within hours, someone online, queue under its limit: the chat waits as usual', () => {
    expect(leaveMessageReason(settings({ queueLimit: 5 }), staffed, tuesdayMorning)).toBeNull();
  });

  it('outside business hours in the department’s zone, and on an exception day', () => {
    expect(leaveMessageReason(settings(), staffed, new Date('2026-12-01T11:00:00Z'))).toBe(
      'outside-business-hours',
    );
    expect(leaveMessageReason(settings(), staffed, new Date('2026-12-03T02:00:00Z'))).toBe(
      'outside-business-hours',
    );
  });

  it('nobody online, or more waiting than the queue limit', () => {
    expect(leaveMessageReason(settings(), { agentsOnline: 0, waiting: 1 }, tuesdayMorning)).toBe(
      'no-agent-online',
    );
    expect(
      leaveMessageReason(settings({ queueLimit: 3 }), { agentsOnline: 1, waiting: 3 }, tuesdayMorning),
    ).toBeNull();
    expect(
      leaveMessageReason(settings({ queueLimit: 3 }), { agentsOnline: 1, waiting: 4 }, tuesdayMorning),
    ).toBe('queue-full');
  });

  it('says why in the activity', () => {
    expect(describeLeftMessage('queue-full', settings({ queueLimit: 3 }), 4)).toBe(
      'Left a message: 4 chats waiting, over the queue limit of 3',
    );
    expect(describeLeftMessage('outside-business-hours', settings(), 1)).toBe(
      'Left a message: outside business hours (Asia/Shanghai)',
    );
  });
});
