import type { Role } from '#contracts';
import { adminHref, mayOpen, type AdminRoute } from '../admin/admin-route';
import type { DeskRoute } from '../routing/desk-route';

interface MainNavProps {
  role: Role;
  /** The admin screen shown, or null for the inbox or the tickets. */
  adminRoute: AdminRoute | null;
  /** The tickets screens are shown. */
  ticketsShown: boolean;
  /** Search, a contact page or the canned replies, or null. */
  deskRoute: DeskRoute | null;
  /** The supervisor view is shown. */
  supervisorShown?: boolean;
}

type Area = 'channels' | 'people' | 'departments' | 'callbacks';

function areaOf(route: AdminRoute | null): Area | null {
  switch (route?.screen) {
    case 'channels':
    case 'new-channel':
    case 'channel':
      return 'channels';
    case 'people':
    case 'invite':
    case 'person':
      return 'people';
    case 'departments':
      return 'departments';
    case 'callbacks':
      return 'callbacks';
    default:
      return null;
  }
}

/**
 * Everyone moves between the inbox, the tickets, search and canned replies; admins also to the setup screens
 * and the callback log, supervisors to the people.
 */
export function MainNav({
  role,
  adminRoute,
  ticketsShown,
  deskRoute,
  supervisorShown = false,
}: MainNavProps) {
  const area = areaOf(adminRoute);
  const screens: Array<{ area: Area; label: string; route: AdminRoute & { screen: Area } }> = [
    { area: 'channels', label: 'Channels', route: { screen: 'channels' } },
    { area: 'people', label: 'People', route: { screen: 'people' } },
    { area: 'departments', label: 'Departments', route: { screen: 'departments' } },
    { area: 'callbacks', label: 'Callback log', route: { screen: 'callbacks' } },
  ];
  const entries = [
    {
      href: '#/open',
      label: 'Inbox',
      current: adminRoute === null && !ticketsShown && deskRoute === null && !supervisorShown,
    },
    { href: '#/tickets', label: 'Tickets', current: ticketsShown },
    { href: '#/search', label: 'Search', current: deskRoute?.screen === 'search' },
    { href: '#/canned-replies', label: 'Canned replies', current: deskRoute?.screen === 'canned-replies' },
    ...(role === 'agent' ? [] : [{ href: '#/supervisor', label: 'Supervisor', current: supervisorShown }]),
    ...screens
      .filter((screen) => mayOpen(role, screen.route))
      .map((screen) => ({
        href: adminHref(screen.route),
        label: screen.label,
        current: area === screen.area,
      })),
  ];
  return (
    <nav className="main-nav" aria-label="Main">
      {entries.map((entry) => (
        <a key={entry.href} href={entry.href} aria-current={entry.current ? 'page' : undefined}>
          {entry.label}
        </a>
      ))}
    </nav>
  );
}
