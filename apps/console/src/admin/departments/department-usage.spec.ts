import { describe, expect, it } from '@jest/globals';
import type { ChannelView, UserView } from '#contracts';
import { countLabel, departmentUsage } from './department-usage';

const person = (departmentIds: string[], active = true) => ({ departmentIds, active }) as UserView;
const channel = (id: string, departmentId: string | null, deletedAt: string | null = null) =>
  ({ id, departmentId, deletedAt }) as ChannelView;

describe('what uses a department', () => {
  it('counts active members and the channels routed to it', () => {
    const usage = departmentUsage(
      [
        { id: 'd1', name: 'Support', autoAssign: false },
        { id: 'd2', name: 'Sales', autoAssign: true },
      ],
      [person(['d1', 'd2']), person(['d1']), person(['d1'], false), person(['gone'])],
      [channel('c1', 'd1'), channel('c2', null), channel('c3', 'd1', '2026-01-01T00:00:00Z')],
    );
    expect(usage.get('d1')).toEqual({ members: 2, channels: [channel('c1', 'd1')] });
    expect(usage.get('d2')).toEqual({ members: 1, channels: [] });
    expect(usage.has('gone')).toBe(false);
  });

  it('says counts in words', () => {
    expect(countLabel(1, 'member', 'members')).toBe('1 member');
    expect(countLabel(0, 'member', 'members')).toBe('0 members');
  });
});
