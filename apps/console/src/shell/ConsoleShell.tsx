import { useEffect, useMemo, useState } from 'react';
import { createDeskApi } from '../api/desk-api';
import { createHttpClient } from '../api/http-client';
import type { Session } from '../auth/session';
import { CallbackLogPage } from '../admin/CallbackLogPage';
import { InboxPage } from '../inbox/InboxPage';
import { useAdminPage } from '../routing/admin-route';
import { AppHeader } from './AppHeader';

const SESSION_ENDED = 'Your session has ended. Please sign in again.';
/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface ConsoleShellProps {
  session: Session;
  onSessionEnded(reason: string | null): void;
}

export function ConsoleShell({ session, onSessionEnded }: ConsoleShellProps) {
  const [loggingOut, setLoggingOut] = useState(false);
  const adminPage = useAdminPage();
  const api = useMemo(
    () =>
      createDeskApi(
        createHttpClient({ token: session.accessToken, onUnauthorized: () => onSessionEnded(SESSION_ENDED) }),
      ),
    [session.accessToken, onSessionEnded],
  );

  useEffect(() => {
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(
      () => onSessionEnded('Your session has expired. Please sign in again.'),
      Math.min(Math.max(left, 0), MAX_TIMEOUT_MS),
    );
    return () => window.clearTimeout(timer);
  }, [session.expiresAt, onSessionEnded]);

  async function logout() {
    setLoggingOut(true);
    try {
      await api.logout();
    } catch {
      // The session is dropped here either way; a server that cannot be reached will expire it.
    }
    onSessionEnded('You have logged out.');
  }

  return (
    <div className="console">
      <AppHeader user={session.user} loggingOut={loggingOut} onLogout={() => void logout()} />
      {adminPage === 'callbacks' ? (
        <CallbackLogPage api={api} user={session.user} />
      ) : (
        <InboxPage
          api={api}
          token={session.accessToken}
          onUnauthorized={() => onSessionEnded(SESSION_ENDED)}
        />
      )}
    </div>
  );
}
