import type { UserView } from '#contracts';
import { useState } from 'react';
import type { AdminApi } from '../api/admin-api';
import type { DeskApi } from '../api/desk-api';
import { adminHref, type AdminRoute } from './admin-route';
import { CallbackLogPage } from './CallbackLogPage';
import { ChannelListPage } from './channels/ChannelListPage';
import { ChannelPage } from './channels/ChannelPage';
import { NewChannelPage } from './channels/NewChannelPage';
import { DepartmentsPage } from './departments/DepartmentsPage';
import { DepartmentRulesPage } from './preferences/DepartmentRulesPage';
import { InvitePage } from './people/InvitePage';
import { PeopleListPage } from './people/PeopleListPage';
import { PersonPage } from './people/PersonPage';

interface AdminAreaProps {
  api: AdminApi;
  /** The agent-facing API (the callback log lives there). */
  deskApi: DeskApi;
  route: AdminRoute;
  /** Who is signed in: supervisors see the people screens read-only. */
  me: UserView;
}

/** The admin screens, by address; the server refuses their API to anyone but admins anyway. */
export function AdminArea({ api, deskApi, route, me }: AdminAreaProps) {
  const [notice, setNotice] = useState<string | null>(null);
  if (route.screen === 'callbacks') return <CallbackLogPage api={deskApi} />;
  return (
    <main className="admin">
      {route.screen === 'channels' && <ChannelListPage api={api} notice={notice} />}
      {route.screen === 'new-channel' && <NewChannelPage api={api} />}
      {route.screen === 'channel' && (
        <ChannelPage
          key={route.channelId}
          api={api}
          channelId={route.channelId}
          section={route.section}
          onDeleted={(name) => {
            setNotice(`“${name}” was deleted. Its conversations stay in the inbox, read-only.`);
            window.location.hash = adminHref({ screen: 'channels' });
          }}
        />
      )}
      {route.screen === 'people' && <PeopleListPage api={api} canEdit={me.role === 'admin'} />}
      {route.screen === 'invite' && <InvitePage api={api} />}
      {route.screen === 'person' && <PersonPage key={route.userId} api={api} userId={route.userId} me={me} />}
      {route.screen === 'departments' && <DepartmentsPage api={api} />}
      {route.screen === 'department' && (
        <DepartmentRulesPage key={route.departmentId} api={api} departmentId={route.departmentId} />
      )}
      {route.screen === 'unknown' && (
        <div className="admin-page">
          <div className="empty-state">
            <p className="empty-state__title">There is no such page</p>
            <a className="button button--secondary" href={adminHref({ screen: 'channels' })}>
              Go to channels
            </a>
          </div>
        </div>
      )}
    </main>
  );
}
