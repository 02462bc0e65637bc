import { describe, expect, it } from '@jest/globals';
import { adminHref, mayOpen, parseAdminRoute } from './admin-route';

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

  it('reads and writes the people and department screens', () => {
    expect(parseAdminRoute('#/admin/people')).toEqual({ screen: 'people' });
    expect(parseAdminRoute('#/admin/people/invite')).toEqual({ screen: 'invite' });
    expect(parseAdminRoute('#/admin/people/u%201')).toEqual({ screen: 'person', userId: 'u 1' });
    expect(parseAdminRoute('#/admin/departments')).toEqual({ screen: 'departments' });
    expect(parseAdminRoute('#/admin/departments/d-1')).toEqual({ screen: 'department', departmentId: 'd-1' });
    expect(parseAdminRoute('#/admin/departments/d-1/x')).toEqual({ screen: 'unknown' });
    expect(parseAdminRoute('#/admin/channels/c-1/chat-rules')).toEqual({
      screen: 'channel',
      channelId: 'c-1',
      section: 'chat-rules',
    });
    expect(adminHref({ screen: 'person', userId: 'u 1' })).toBe('#/admin/people/u%201');
    expect(adminHref({ screen: 'invite' })).toBe('#/admin/people/invite');
    expect(parseAdminRoute('#/admin/people/u1/extra')).toEqual({ screen: 'unknown' });
    expect(adminHref({ screen: 'department', departmentId: 'd1' })).toBe('#/admin/departments/d1');
  });

  it('lets supervisors look at the people only, and agents at no admin screen', () => {
    const screens = ['#/admin/channels', '#/admin/people', '#/admin/people/u1', '#/admin/people/invite'];
    const open = (role: 'admin' | 'supervisor' | 'agent') =>
      screens.filter((hash) => mayOpen(role, parseAdminRoute(hash)!));
    expect(open('admin')).toEqual(screens);
    expect(open('supervisor')).toEqual(['#/admin/people', '#/admin/people/u1']);
    expect(open('agent')).toEqual([]);
    expect(mayOpen('supervisor', { screen: 'departments' })).toBe(false);
  });

  it('calls anything else under #/admin unknown, not the inbox', () => {
    expect(parseAdminRoute('#/admin')).toEqual({ screen: 'unknown' });
    expect(parseAdminRoute('#/admin/channels/c1/secrets')).toEqual({ screen: 'unknown' });
    expect(parseAdminRoute('#/admin/billing')).toEqual({ screen: 'unknown' });
    expect(parseAdminRoute('#/admin/callbacks/x')).toEqual({ screen: 'unknown' });
  });
});
