import { describe, expect, it } from '@jest/globals';
import { conversationHref, parseDeskRoute } from './desk-route';

describe('the addresses of search, contacts and canned replies', () => {
  it('reads the search with its query', () => {
    const route = parseDeskRoute('#/search?q=%E9%80%80%E8%B4%A7&status=open');
    expect(route?.screen).toBe('search');
    expect(route?.screen === 'search' && route.params.get('q')).toBe('退货');
  });

  it('reads a contact page and the canned replies', () => {
    expect(parseDeskRoute('#/contacts/c%201')).toEqual({ screen: 'contact', contactId: 'c 1' });
    expect(parseDeskRoute('#/canned-replies')).toEqual({ screen: 'canned-replies' });
  });

  it('leaves the inbox’s and the admin screens’ addresses alone', () => {
    expect(parseDeskRoute('#/open/c1')).toBeNull();
    expect(parseDeskRoute('#/admin/channels')).toBeNull();
    expect(parseDeskRoute('#/contacts')).toBeNull();
    expect(parseDeskRoute('')).toBeNull();
  });

  it('opens a conversation in the view that holds it, at a message', () => {
    expect(conversationHref({ id: 'c1', status: 'closed' }, 'm1')).toBe('#/closed/c1?message=m1');
    expect(conversationHref({ id: 'c1', status: 'waiting' })).toBe('#/open/c1');
  });
});
