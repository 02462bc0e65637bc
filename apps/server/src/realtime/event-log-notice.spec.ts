import { describe, expect, it } from '@jest/globals';
import { appendedNotice } from './event-log.repository.js';

describe('appendedNotice', () => {
  it('reads who appended and up to which seq, and nothing else', () => {
    expect(appendedNotice('5f0c…-process:1200')).toEqual({ origin: '5f0c…-process', upTo: 1200 });
    expect(appendedNotice('a:b:7')).toEqual({ origin: 'a:b', upTo: 7 });
    expect(appendedNotice('1200')).toBeNull();
    expect(appendedNotice('origin:')).toBeNull();
    expect(appendedNotice(undefined)).toBeNull();
  });
});
