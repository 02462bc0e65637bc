/** Which of the main screens is shown; null for an address that is none of them. */
export type MainScreen = 'inbox' | 'tickets' | 'channels' | null;

interface MainNavProps {
  current: MainScreen;
  /** Admins also reach the setup screens. */
  isAdmin: boolean;
}

/**
 * Everyone moves between the inbox and the tickets; admins also to the setup screens. Only screens that exist
 * are listed (the callback log, `#/admin/callbacks`, joins when its screen does).
 */
export function MainNav({ current, isAdmin }: MainNavProps) {
  const entries: Array<{ href: string; label: string; screen: MainScreen }> = [
    { href: '#/open', label: 'Inbox', screen: 'inbox' },
    { href: '#/tickets', label: 'Tickets', screen: 'tickets' },
    ...(isAdmin ? [{ href: '#/admin/channels', label: 'Channels', screen: 'channels' as const }] : []),
  ];
  return (
    <nav className="main-nav" aria-label="Main">
      {entries.map((entry) => (
        <a key={entry.href} href={entry.href} aria-current={entry.screen === current ? 'page' : undefined}>
          {entry.label}
        </a>
      ))}
    </nav>
  );
}
