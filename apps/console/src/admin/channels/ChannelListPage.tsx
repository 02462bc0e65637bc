import type { ChannelView, DepartmentView } from '#contracts';
import { useEffect } from 'react';
import type { AdminApi } from '../../api/admin-api';
import { ChannelAvatar } from '../../ui/ChannelAvatar';
import { channelKindLabel } from '../../ui/ChannelIcon';
import { Spinner } from '../../ui/Spinner';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { healthLabel } from './channel-rules';

interface ChannelListPageProps {
  api: AdminApi;
  /** Shown once at the top, e.g. "“Acme” was deleted." */
  notice: string | null;
}

/** Every channel with what an admin checks first: department, status, and whether WeChat accepts it. */
export function ChannelListPage({ api, notice }: ChannelListPageProps) {
  const channels = useLoad<ChannelView[]>('channels', (signal) => api.listChannels(signal));
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));

  useEffect(() => {
    document.title = 'Channels · WeChat Support Desk';
  }, []);

  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  return (
    <div className="admin-page">
      <div className="admin-page__head">
        <h1 className="admin-page__title">Channels</h1>
        <a className="button button--primary" href={adminHref({ screen: 'new-channel' })}>
          New Official Account channel
        </a>
      </div>
      {notice && (
        <p className="callout callout--info" role="status">
          {notice}
        </p>
      )}
      {channels.status === 'loading' ? (
        <Spinner label="Loading channels…" />
      ) : channels.status === 'error' ? (
        <div className="callout callout--error" role="alert">
          {channels.error}{' '}
          <button type="button" className="link-button" onClick={channels.reload}>
            Try again
          </button>
        </div>
      ) : channels.data!.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No channels yet</p>
          <p className="empty-state__text">
            Connect your WeChat Official Account: customers who write to it then appear in the inbox.
          </p>
        </div>
      ) : (
        <table className="channel-table">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Kind</th>
              <th scope="col">Department</th>
              <th scope="col">Status</th>
              <th scope="col">Health</th>
            </tr>
          </thead>
          <tbody>
            {channels.data!.map((channel) => (
              <tr key={channel.id}>
                <th scope="row" data-label="Channel">
                  <a
                    className="channel-table__name"
                    href={adminHref({ screen: 'channel', channelId: channel.id, section: 'settings' })}
                  >
                    <ChannelAvatar kind={channel.kind} iconUrl={channel.iconUrl} fetchImage={api.image} />
                    <span>{channel.name}</span>
                  </a>
                </th>
                <td data-label="Kind">{channelKindLabel(channel.kind)}</td>
                <td data-label="Department">
                  {channel.departmentId ? (
                    (departmentName.get(channel.departmentId) ?? '…')
                  ) : (
                    <span className="text-warning">
                      Not fully configured:{' '}
                      <a href={adminHref({ screen: 'channel', channelId: channel.id, section: 'settings' })}>
                        choose a department<span className="visually-hidden"> for {channel.name}</span>
                      </a>
                    </span>
                  )}
                </td>
                <td data-label="Status">
                  <span className={`badge badge--${channel.status === 'active' ? 'active' : 'closed'}`}>
                    {channel.status === 'active' ? 'Active' : 'Inactive'}
                  </span>
                </td>
                <td data-label="Health">
                  <span className={`badge badge--health-${channel.health}`}>
                    {healthLabel(channel.health)}
                  </span>
                  {channel.healthReason && (
                    <span className="channel-table__reason">{channel.healthReason}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
