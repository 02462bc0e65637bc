import { useCallback, useState } from 'react';
import { LoginPage } from './auth/LoginPage';
import { clearSession, loadSession, type Session } from './auth/session';
import { ConsoleShell } from './shell/ConsoleShell';

/** Signed out: the login page. Signed in: the console, until the session ends for any reason. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const endSession = useCallback((reason: string | null) => {
    clearSession();
    setSession(null);
    setNotice(reason);
  }, []);

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
