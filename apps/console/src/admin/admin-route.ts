import type { Role } from '#contracts';
import { useEffect, useState } from 'react';

/** The parts of one channel's page, each its own address so that the back button and links work. */
export const CHANNEL_SECTIONS = [
  'settings',
  'connect',
  'agents',
  'follow-reply',
  'menu',
  'chat-rules',
] as const;
export type ChannelSection = (typeof CHANNEL_SECTIONS)[number];

/**
 * `#/admin/channels`, `#/admin/channels/new`, `#/admin/channels/<id>[/<section>]`, `#/admin/people`,
 * `#/admin/people/invite`, `#/admin/people/<id>`, `#/admin/departments`, `#/admin/callbacks`.
 */
export type AdminRoute =
  | { screen: 'callbacks' }
  | { screen: 'channels' }
  | { screen: 'new-channel' }
  | { screen: 'channel'; channelId: string; section: ChannelSection }
  | { screen: 'people' }
  | { screen: 'invite' }
  | { screen: 'person'; userId: string }
  | { screen: 'departments' }
  /** `#/admin/departments/<id>`: the department's chat rules (preferences). */
  | { screen: 'department'; departmentId: string }
  | { screen: 'unknown' };

/** null when the hash is not an admin address (then it belongs to the inbox). */
export function parseAdminRoute(hash: string): AdminRoute | null {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'admin') return null;
  // The callback log keeps its filters in the hash's query (`#/admin/callbacks?result=failed`).
  switch (parts[1]?.split('?')[0]) {
    case 'callbacks':
      return parts.length <= 2 ? { screen: 'callbacks' } : { screen: 'unknown' };
    case 'channels':
      return parseChannelRoute(parts.slice(2));
    case 'people':
      if (parts.length > 3) return { screen: 'unknown' };
      if (!parts[2]) return { screen: 'people' };
      if (parts[2] === 'invite') return { screen: 'invite' };
      return { screen: 'person', userId: decodeURIComponent(parts[2]) };
    case 'departments':
      if (parts.length > 3) return { screen: 'unknown' };
      return parts[2]
        ? { screen: 'department', departmentId: decodeURIComponent(parts[2]) }
        : { screen: 'departments' };
    default:
      return { screen: 'unknown' };
  }
}

function parseChannelRoute(parts: string[]): AdminRoute {
  if (!parts[0]) return { screen: 'channels' };
  if (parts[0] === 'new' && !parts[1]) return { screen: 'new-channel' };
  const section = (parts[1] ?? 'settings') as ChannelSection;
  if (!CHANNEL_SECTIONS.includes(section) || parts.length > 2) return { screen: 'unknown' };
  return { screen: 'channel', channelId: decodeURIComponent(parts[0]), section };
}

export function adminHref(route: Exclude<AdminRoute, { screen: 'unknown' }>): string {
  switch (route.screen) {
    case 'callbacks':
      return '#/admin/callbacks';
    case 'channels':
      return '#/admin/channels';
    case 'new-channel':
      return '#/admin/channels/new';
    case 'channel':
      return `#/admin/channels/${encodeURIComponent(route.channelId)}${
        route.section === 'settings' ? '' : `/${route.section}`
      }`;
    case 'people':
      return '#/admin/people';
    case 'invite':
      return '#/admin/people/invite';
    case 'person':
      return `#/admin/people/${encodeURIComponent(route.userId)}`;
    case 'departments':
      return '#/admin/departments';
    case 'department':
      return `#/admin/departments/${encodeURIComponent(route.departmentId)}`;
  }
}

/**
 * Who may open a screen. Admins open all of them; supervisors may look at the people (read-only, as the API
 * lets them); agents have the inbox only. The server refuses the writes to anyone but admins anyway.
 */
export function mayOpen(role: Role, route: AdminRoute): boolean {
  if (role === 'admin') return true;
  if (role === 'supervisor') return route.screen === 'people' || route.screen === 'person';
  return false;
}

/** The location's hash, kept current. */
export function useLocationHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}
