import type { AdminRoute } from '../admin/admin-route';

interface MainNavProps {
  /** The admin screen shown, or null for the inbox. */
  adminRoute: AdminRoute | null;
}

/**
 * Admins move between the inbox and the setup screens. Only screens that exist are listed (the callback log,
 * `#/admin/callbacks`, joins when its screen does).
 */
export function MainNav({ adminRoute }: MainNavProps) {
  const entries = [
    { href: '#/open', label: 'Inbox', current: adminRoute === null },
    {
      href: '#/admin/channels',
      label: 'Channels',
      current: adminRoute !== null && adminRoute.screen !== 'unknown',
    },
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
