import { describe, expect, it } from '@jest/globals';
import { decideCatchUp, positionOf } from './catch-up.js';
import type { LoggedEvent } from './live-events.js';

const event = (seq: number): LoggedEvent => ({
  seq,
  event: 'presence.changed',
  payload: { seq, userId: 'u', presence: 'online', reason: null },
  rooms: ['user:u'],
});

describe('positionOf', () => {
  it('takes a whole number ≥ 0 and nothing else', () => {
    expect(positionOf({ since: 0 })).toBe(0);
    expect(positionOf({ since: 42 })).toBe(42);
    for (const since of [null, undefined, -1, 1.5, '42', Number.MAX_SAFE_INTEGER + 2, NaN]) {
      expect(positionOf({ since })).toBeNull();
    }
    expect(positionOf(null)).toBeNull();
    expect(positionOf('since')).toBeNull();
  });
});

describe('decideCatchUp', () => {
  const window = (events: LoggedEvent[], head = 20, prunedThrough = 5) => ({ events, head, prunedThrough });

  it('replays the events after the position in order, without the rooms, and says where the log ends', () => {
    expect(decideCatchUp(10, window([event(12), event(15)]), 100)).toEqual({
      status: 'events',
      events: [
        { event: 'presence.changed', payload: { seq: 12, userId: 'u', presence: 'online', reason: null } },
        { event: 'presence.changed', payload: { seq: 15, userId: 'u', presence: 'online', reason: null } },
      ],
      head: 20,
    });
  });

  it('has nothing to replay for a console that is up to date, or exactly at the pruned boundary', () => {
    expect(decideCatchUp(20, window([]), 100)).toEqual({ status: 'events', events: [], head: 20 });
    expect(decideCatchUp(5, window([event(6)]), 100)).toMatchObject({ status: 'events' });
  });

  it('sends a console whose events were pruned to reload', () => {
    expect(decideCatchUp(4, window([event(6)]), 100)).toEqual({
      status: 'resync',
      reason: 'expired',
      head: 20,
    });
  });

  it('sends a console with a position the log never reached to reload', () => {
    expect(decideCatchUp(21, window([]), 100)).toEqual({
      status: 'resync',
      reason: 'unknown-position',
      head: 20,
    });
  });

  it('sends a console that missed more than the limit to reload rather than replay', () => {
    const events = [event(11), event(12), event(13)];
    expect(decideCatchUp(10, window(events), 2)).toEqual({ status: 'resync', reason: 'too-many', head: 20 });
    expect(decideCatchUp(10, window(events), 3)).toMatchObject({ status: 'events' });
  });
});
