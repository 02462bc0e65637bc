import { describe, expect, it } from '@jest/globals';
import { parseRoute, routeHref } from './hash-route';

describe('the inbox address', () => {
  it('reads the view and the conversation', () => {
    expect(parseRoute('#/closed/c1')).toEqual({ view: 'closed', conversationId: 'c1' });
    expect(parseRoute('')).toEqual({ view: 'open', conversationId: null });
  });

  it('reads the message a search result opens the conversation at, and writes it back', () => {
    expect(parseRoute('#/open/c1?message=m9')).toEqual({
      view: 'open',
      conversationId: 'c1',
      messageId: 'm9',
    });
    expect(routeHref({ view: 'closed', conversationId: 'c1', messageId: 'm9' })).toBe(
      '#/closed/c1?message=m9',
    );
    expect(routeHref({ view: 'open', conversationId: null, messageId: 'm9' })).toBe('#/open');
  });

  it('names no conversation for another screen’s address', () => {
    expect(parseRoute('#/admin/channels/c1/menu')).toEqual({ view: 'open', conversationId: null });
  });
});
