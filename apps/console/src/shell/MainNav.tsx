import type { AdminRoute } from '../admin/admin-route';

interface MainNavProps {
  /** The admin screen shown, or null for the inbox. */
  adminRoute: AdminRoute | null;
}

/** Admins move between the inbox, the setup screens and the callback log. */
export function MainNav({ adminRoute }: MainNavProps) {
  const entries = [
    { href: '#/open', label: 'Inbox', current: adminRoute === null },
    {
      href: '#/admin/channels',
      label: 'Channels',
      current: adminRoute !== null && ['channels', 'new-channel', 'channel'].includes(adminRoute.screen),
    },
    { href: '#/admin/callbacks', label: 'Callback log', current: adminRoute?.screen === 'callbacks' },
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
