import type { ChannelView, DepartmentView, UserView } from '#contracts';
import { useEffect } from 'react';
import type { AdminApi } from '../../api/admin-api';
import { Avatar } from '../../ui/Avatar';
import { roleLabel } from '../../ui/people-labels';
import { Spinner } from '../../ui/Spinner';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { AccountSection } from './AccountSection';
import { InvitationSection } from './InvitationSection';
import { PersonChannelsSection } from './PersonChannelsSection';
import { PersonProfileForm } from './PersonProfileForm';
import { PersonStatusBadge, PresenceBadge } from './PresenceBadge';

interface PersonPageProps {
  api: AdminApi;
  userId: string;
  /** Who is looking: admins edit, supervisors read. */
  me: UserView;
}

/** One person: their invitation, role, departments, capacity, channels, and whether they may sign in. */
export function PersonPage({ api, userId, me }: PersonPageProps) {
  // There is no GET /api/users/:id: the list is small and says everything the page needs.
  const users = useLoad<UserView[]>('users', (signal) => api.listUsers(signal));
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  const channels = useLoad<ChannelView[]>('channels', (signal) => api.listChannels(signal));
  const user = users.data?.find((u) => u.id === userId);
  const canEdit = me.role === 'admin';

  useEffect(() => {
    document.title = `${user?.name ?? 'Person'} · People · WeChat Support Desk`;
  }, [user?.name]);

  if (users.status === 'loading' || departments.status === 'loading') return <Spinner label="Loading…" />;
  if (!user) {
    return (
      <div className="admin-page">
        <div className="empty-state" role="alert">
          <p className="empty-state__title">Couldn’t open this person</p>
          <p className="empty-state__text">{users.error ?? 'There is nobody with this address.'}</p>
          <a className="button button--secondary" href={adminHref({ screen: 'people' })}>
            Back to people
          </a>
        </div>
      </div>
    );
  }

  const saved = (next: UserView) => users.set((users.data ?? []).map((u) => (u.id === next.id ? next : u)));
  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const isMe = user.id === me.id;
  return (
    <div className="admin-page admin-page--narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={adminHref({ screen: 'people' })}>People</a> <span aria-hidden="true">›</span> {user.name}
      </nav>
      <header className="person-header">
        <Avatar name={user.name} size={48} />
        <div className="person-header__identity">
          <h1 className="admin-page__title">
            {user.name}
            {isMe && <span className="muted"> (you)</span>}
          </h1>
          <p className="person-header__meta">
            {user.email} · {roleLabel(user.role)} <PersonStatusBadge user={user} />{' '}
            <PresenceBadge user={user} />
          </p>
        </div>
      </header>

      {canEdit && user.active && user.invitationPending && (
        <InvitationSection api={api} user={user} onIssued={saved} />
      )}

      {canEdit ? (
        <PersonProfileForm
          key={user.id}
          api={api}
          user={user}
          departments={departments.data ?? []}
          onSaved={saved}
        />
      ) : (
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title" className="panel__title">
            Role, departments and capacity
          </h2>
          <dl className="facts">
            <dt>Role</dt>
            <dd>{roleLabel(user.role)}</dd>
            <dt>Departments</dt>
            <dd>{user.departmentIds.map((id) => departmentName.get(id) ?? '…').join(', ') || 'None'}</dd>
            <dt>Most chats at once</dt>
            <dd>{user.maxConcurrentChats}</dd>
          </dl>
        </section>
      )}

      {channels.status === 'loading' ? (
        <Spinner label="Loading channels…" />
      ) : channels.status === 'error' && !channels.data ? (
        <p className="callout callout--error" role="alert">
          {channels.error}{' '}
          <button type="button" className="link-button" onClick={channels.reload}>
            Try again
          </button>
        </p>
      ) : (
        <PersonChannelsSection
          api={api}
          user={user}
          channels={channels.data ?? []}
          departmentName={departmentName}
          canEdit={canEdit}
          onSaved={channels.set}
        />
      )}

      {canEdit && <AccountSection api={api} user={user} isMe={isMe} onSaved={saved} />}
    </div>
  );
}
