import { useCallback, useState } from 'react';
import { useLocationHash } from './admin/admin-route';
import { createDeskApi } from './api/desk-api';
import { createHttpClient } from './api/http-client';
import { InvitationPage } from './auth/InvitationPage';
import { LoginPage } from './auth/LoginPage';
import { invitationTokenOf } from './auth/password-rules';
import { clearSession, loadSession, type Session } from './auth/session';
import { ConsoleShell } from './shell/ConsoleShell';

/**
 * Signed out: the login page. Signed in: the console, until the session ends for any reason. An invitation
 * link (`#/invite/<token>`) opens its page either way.
 */
export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const invitationToken = invitationTokenOf(useLocationHash());

  const endSession = useCallback((reason: string | null) => {
    clearSession();
    setSession(null);
    setNotice(reason);
  }, []);

  if (invitationToken) {
    return (
      <InvitationPage
        token={invitationToken}
        signedInAs={session?.user.name ?? null}
        onSignedIn={(next) => {
          // The tab's previous session is replaced: end it on the server too (best effort).
          if (session) {
            createDeskApi(createHttpClient({ token: session.accessToken }))
              .logout()
              .catch(() => undefined);
          }
          setNotice(null);
          setSession(next);
        }}
      />
    );
  }
  if (!session) {
    return (
      <LoginPage
        notice={notice}
        onSignedIn={(next) => {
          setNotice(null);
          setSession(next);
        }}
      />
    );
  }
  return <ConsoleShell session={session} onSessionEnded={endSession} />;
}
