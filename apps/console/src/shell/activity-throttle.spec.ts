import { describe, expect, it } from '@jest/globals';
import { createActivityThrottle } from './activity-throttle';

describe('activity reports', () => {
  it('reports the first input, then at most once per interval', () => {
    const throttle = createActivityThrottle(30_000);
    const reported = [0, 1_000, 29_999, 30_000, 45_000, 61_000].filter((t) =>
      throttle.shouldReport(t, false),
    );
    expect(reported).toEqual([0, 30_000, 61_000]);
  });

  it('never reports input in a hidden tab, and a hidden input does not use up the interval', () => {
    const throttle = createActivityThrottle(30_000);
    expect(throttle.shouldReport(0, true)).toBe(false);
    expect(throttle.shouldReport(10, false)).toBe(true);
    expect(throttle.shouldReport(40_000, true)).toBe(false);
    expect(throttle.shouldReport(40_001, false)).toBe(true);
  });

  it('reports at once after the server set the person idle', () => {
    const throttle = createActivityThrottle(30_000);
    expect(throttle.shouldReport(0, false)).toBe(true);
    expect(throttle.shouldReport(5_000, false)).toBe(false);
    throttle.reset();
    expect(throttle.shouldReport(6_000, false)).toBe(true);
  });
});
