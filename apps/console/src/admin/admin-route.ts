import { useEffect, useState } from 'react';

/** The parts of one channel's page, each its own address so that the back button and links work. */
export const CHANNEL_SECTIONS = ['settings', 'connect', 'agents', 'follow-reply', 'menu'] as const;
export type ChannelSection = (typeof CHANNEL_SECTIONS)[number];

/** `#/admin/channels`, `#/admin/channels/new`, `#/admin/channels/<id>[/<section>]`, `#/admin/callbacks`. */
export type AdminRoute =
  | { screen: 'callbacks' }
  | { screen: 'channels' }
  | { screen: 'new-channel' }
  | { screen: 'channel'; channelId: string; section: ChannelSection }
  | { screen: 'unknown' };

/** null when the hash is not an admin address (then it belongs to the inbox). */
export function parseAdminRoute(hash: string): AdminRoute | null {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'admin') return null;
  // The callback log keeps its filters in the hash's query (`#/admin/callbacks?result=failed`).
  if (parts[1]?.split('?')[0] === 'callbacks' && parts.length <= 2) return { screen: 'callbacks' };
  if (parts[1] !== 'channels') return { screen: 'unknown' };
  if (!parts[2]) return { screen: 'channels' };
  if (parts[2] === 'new' && !parts[3]) return { screen: 'new-channel' };
  const section = (parts[3] ?? 'settings') as ChannelSection;
  if (!CHANNEL_SECTIONS.includes(section) || parts.length > 4) return { screen: 'unknown' };
  return { screen: 'channel', channelId: decodeURIComponent(parts[2]), section };
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
  }
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
