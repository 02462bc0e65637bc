import { describe, expect, it } from '@jest/globals';
import { parseRoute } from './hash-route';

describe('the inbox address', () => {
  it('reads the view and the conversation', () => {
    expect(parseRoute('#/closed/c1')).toEqual({ view: 'closed', conversationId: 'c1' });
    expect(parseRoute('')).toEqual({ view: 'open', conversationId: null });
  });

  it('names no conversation for another screen’s address', () => {
    expect(parseRoute('#/admin/channels/c1/menu')).toEqual({ view: 'open', conversationId: null });
  });
});
