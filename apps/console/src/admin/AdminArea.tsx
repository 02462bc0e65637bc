import { useState } from 'react';
import type { AdminApi } from '../api/admin-api';
import type { DeskApi } from '../api/desk-api';
import { adminHref, type AdminRoute } from './admin-route';
import { CallbackLogPage } from './CallbackLogPage';
import { ChannelListPage } from './channels/ChannelListPage';
import { ChannelPage } from './channels/ChannelPage';
import { NewChannelPage } from './channels/NewChannelPage';

/** The admin screens, by address; the server refuses their API to anyone but admins anyway. */
interface AdminAreaProps {
  api: AdminApi;
  deskApi: DeskApi;
  route: AdminRoute;
}

export function AdminArea({ api, deskApi, route }: AdminAreaProps) {
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
