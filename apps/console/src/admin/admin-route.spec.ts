import { describe, expect, it } from '@jest/globals';
import { adminHref, parseAdminRoute } from './admin-route';

describe('admin addresses', () => {
  it('leaves the inbox’s addresses to the inbox', () => {
    expect(parseAdminRoute('')).toBeNull();
    expect(parseAdminRoute('#/open/abc')).toBeNull();
  });

  it('reads and writes the channel screens', () => {
    expect(parseAdminRoute('#/admin/channels')).toEqual({ screen: 'channels' });
    expect(parseAdminRoute('#/admin/callbacks')).toEqual({ screen: 'callbacks' });
    expect(parseAdminRoute('#/admin/callbacks?result=failed')).toEqual({ screen: 'callbacks' });
    expect(parseAdminRoute('#/admin/channels/new')).toEqual({ screen: 'new-channel' });
    expect(parseAdminRoute('#/admin/channels/c1')).toEqual({
      screen: 'channel',
      channelId: 'c1',
      section: 'settings',
    });
    expect(parseAdminRoute('#/admin/channels/c1/menu')).toEqual({
      screen: 'channel',
      channelId: 'c1',
      section: 'menu',
    });
    expect(adminHref({ screen: 'channel', channelId: 'c1', section: 'menu' })).toBe(
      '#/admin/channels/c1/menu',
    );
    expect(adminHref({ screen: 'channel', channelId: 'c1', section: 'settings' })).toBe(
      '#/admin/channels/c1',
    );
  });

  it('calls anything else under #/admin unknown, not the inbox', () => {
    expect(parseAdminRoute('#/admin')).toEqual({ screen: 'unknown' });
    expect(parseAdminRoute('#/admin/channels/c1/secrets')).toEqual({ screen: 'unknown' });
    expect(parseAdminRoute('#/admin/billing')).toEqual({ screen: 'unknown' });
    expect(parseAdminRoute('#/admin/callbacks/x')).toEqual({ screen: 'unknown' });
  });
});
