import { describe, expect, it } from '@jest/globals';
import { pickRoundRobin } from './round-robin.js';

describe('pickRoundRobin', () => {
  const ring = ['a', 'c', 'e'];

  it('starts at the beginning and goes round', () => {
    expect(pickRoundRobin(ring, null)).toBe('a');
    expect(pickRoundRobin(ring, 'a')).toBe('c');
    expect(pickRoundRobin(ring, 'c')).toBe('e');
    expect(pickRoundRobin(ring, 'e')).toBe('a');
  });

  it('keeps the place when the last agent left the ring', () => {
    expect(pickRoundRobin(ring, 'b')).toBe('c');
    expect(pickRoundRobin(ring, 'f')).toBe('a');
  });

  it('always gives the only candidate', () => {
    expect(pickRoundRobin(['x'], 'x')).toBe('x');
  });
});
