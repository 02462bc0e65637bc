import { useEffect, useMemo, useRef, useState } from 'react';
import { AdminArea } from '../admin/AdminArea';
import { mayOpen, parseAdminRoute, useLocationHash } from '../admin/admin-route';
import { createAccountApi } from '../api/account-api';
import { createAdminApi } from '../api/admin-api';
import { createAssignmentApi } from '../api/assignment-api';
import { createContactsApi } from '../api/contacts-api';
import { createDeskApi } from '../api/desk-api';
import { createHttpClient } from '../api/http-client';
import type { Session } from '../auth/session';
import { ContactsProvider } from '../contacts/contacts-context';
import { InboxPage } from '../inbox/InboxPage';
import { MediaAccessProvider } from '../media/MediaAccess';
import { parseTicketRoute } from '../tickets/ticket-route';
import { createTicketsApi } from '../tickets/tickets-api';
import { TicketsApiProvider } from '../tickets/TicketsApiContext';
import { TicketsArea } from '../tickets/TicketsArea';
import { parseDeskRoute } from '../routing/desk-route';
import { SupervisorPage } from '../supervisor/SupervisorPage';
import { AppHeader } from './AppHeader';
import { DeskArea } from './DeskArea';
import { MainNav } from './MainNav';
import { PresenceControl } from './PresenceControl';
import { usePresence } from './usePresence';

const SESSION_ENDED = 'Your session has ended. Please sign in again.';
/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface ConsoleShellProps {
  session: Session;
  onSessionEnded(reason: string | null): void;
}

export function ConsoleShell({ session, onSessionEnded }: ConsoleShellProps) {
  const [loggingOut, setLoggingOut] = useState(false);
  const http = useMemo(
    () =>
      createHttpClient({ token: session.accessToken, onUnauthorized: () => onSessionEnded(SESSION_ENDED) }),
    [session.accessToken, onSessionEnded],
  );
  const api = useMemo(() => createDeskApi(http), [http]);
  const adminApi = useMemo(() => createAdminApi(http), [http]);
  const accountApi = useMemo(() => createAccountApi(http), [http]);
  const ticketsApi = useMemo(() => createTicketsApi(http), [http]);
  const contactsApi = useMemo(() => createContactsApi(http), [http]);
  const assignmentApi = useMemo(() => createAssignmentApi(http), [http]);
  const presence = usePresence(accountApi, session.user);
  const { role } = session.user;
  const hash = useLocationHash();
  const requested = parseAdminRoute(hash);
  const adminRoute = requested && mayOpen(role, requested) ? requested : null;
  // A screen this role may not open (the API refuses it too): #/admin/… takes them to the inbox.
  const leaving = requested !== null && adminRoute === null;
  const ticketRoute = parseTicketRoute(hash);
  const deskRoute = parseDeskRoute(hash);
  const supervisorShown = hash.replace(/^#\/?/, '') === 'supervisor' && role !== 'agent';
  useEffect(() => {
    if (leaving) window.location.replace('#/open');
  }, [leaving]);

  useEffect(() => {
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(
      () => onSessionEnded('Your session has expired. Please sign in again.'),
      Math.min(Math.max(left, 0), MAX_TIMEOUT_MS),
    );
    return () => window.clearTimeout(timer);
  }, [session.expiresAt, onSessionEnded]);

  // Logging out ends the session on the server, which tells this tab's socket so: that news must not
  // replace "You have logged out." with "Your session has ended" when it arrives first or last.
  const loggingOutRef = useRef(false);
  async function logout() {
    loggingOutRef.current = true;
    setLoggingOut(true);
    try {
      await api.logout();
    } catch {
      // The session is dropped here either way; a server that cannot be reached will expire it.
    }
    onSessionEnded('You have logged out.');
  }

  const unauthorized = () => {
    if (!loggingOutRef.current) onSessionEnded(SESSION_ENDED);
  };
  return (
    <TicketsApiProvider api={ticketsApi}>
      <div className="console">
        <AppHeader
          user={session.user}
          loggingOut={loggingOut}
          onLogout={() => void logout()}
          nav={
            <MainNav
              role={role}
              adminRoute={adminRoute}
              ticketsShown={ticketRoute !== null}
              deskRoute={deskRoute}
              supervisorShown={supervisorShown}
            />
          }
          presence={<PresenceControl state={presence} />}
        />
        <ContactsProvider api={contactsApi} user={session.user}>
          {leaving ? null : adminRoute ? (
            <AdminArea api={adminApi} deskApi={api} route={adminRoute} me={session.user} />
          ) : ticketRoute ? (
            // The ticket's thread shows the conversation's media, which need the same access tickets.
            <MediaAccessProvider api={api}>
              <TicketsArea
                api={ticketsApi}
                desk={api}
                token={session.accessToken}
                route={ticketRoute}
                onUnauthorized={unauthorized}
              />
            </MediaAccessProvider>
          ) : supervisorShown ? (
            <MediaAccessProvider api={api}>
              <SupervisorPage
                api={assignmentApi}
                token={session.accessToken}
                me={session.user}
                onUnauthorized={unauthorized}
              />
            </MediaAccessProvider>
          ) : deskRoute ? (
            <DeskArea route={deskRoute} api={contactsApi} deskApi={api} user={session.user} />
          ) : (
            <InboxPage
              api={api}
              token={session.accessToken}
              onUnauthorized={unauthorized}
              assignment={{ api: assignmentApi, user: session.user }}
            />
          )}
        </ContactsProvider>
      </div>
    </TicketsApiProvider>
  );
}
