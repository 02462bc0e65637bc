import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LIKE } from './rules-form.fixture';
import { channelSettingsProblem, minutesLabel } from './rules-form';

describe('chat rules form', () => {
  it('says what minutes mean', () => {
    expect(minutesLabel(90)).toBe('1 h 30 min');
    expect(minutesLabel(1440)).toBe('1 d');
    expect(minutesLabel(44640)).toBe('31 d');
    expect(minutesLabel(0)).toBe('');
  });

  it('finds the problems the server would refuse', () => {
    expect(channelSettingsProblem(DEFAULT_LIKE)).toBeNull();
    expect(channelSettingsProblem({ missedClose: { enabled: true, afterMinutes: 10 } })).toMatch(
      /15 minutes/,
    );
    expect(channelSettingsProblem({ missedClose: { enabled: false, afterMinutes: 10 } })).toBeNull();
    expect(
      channelSettingsProblem({
        idleClose: { enabled: true, afterMinutes: 30, warnBeforeMinutes: 30, closingMessage: null },
      }),
    ).toMatch(/before the chat closes/);
    expect(channelSettingsProblem({ ticketTimer: { mode: 'after', minutes: 1.5 } })).toMatch(/whole minutes/);
    expect(channelSettingsProblem({ leaveMessage: { enabled: true, reply: ' ' } })).toMatch(/reply/);
    expect(channelSettingsProblem({ queueLimit: 0 })).toMatch(/Queue limit/);
  });
});
