import type { DepartmentView, UserView } from '#contracts';
import { useEffect } from 'react';
import type { AdminApi } from '../../api/admin-api';
import { Avatar } from '../../ui/Avatar';
import { personStatus, roleLabel } from '../../ui/people-labels';
import { Spinner } from '../../ui/Spinner';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { useRefreshWhileVisible } from '../useRefreshWhileVisible';
import { PersonStatusBadge, PresenceBadge } from './PresenceBadge';

const REFRESH_MS = 10_000;
const STATUS_ORDER = { active: 0, invited: 1, deactivated: 2 } as const;

interface PeopleListPageProps {
  api: AdminApi;
  /** Admins invite and edit; supervisors look. */
  canEdit: boolean;
}

/** Everyone who works in the desk, with what decides which chats they get: role, departments, capacity, presence. */
export function PeopleListPage({ api, canEdit }: PeopleListPageProps) {
  const users = useLoad<UserView[]>('users', (signal) => api.listUsers(signal));
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  useRefreshWhileVisible(users.reload, REFRESH_MS);

  useEffect(() => {
    document.title = 'People · WeChat Support Desk';
  }, []);

  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const people = [...(users.data ?? [])].sort(
    (a, b) => STATUS_ORDER[personStatus(a)] - STATUS_ORDER[personStatus(b)] || a.name.localeCompare(b.name),
  );
  return (
    <div className="admin-page">
      <div className="admin-page__head">
        <h1 className="admin-page__title">People</h1>
        {canEdit && (
          <a className="button button--primary" href={adminHref({ screen: 'invite' })}>
            Invite someone
          </a>
        )}
      </div>
      <p className="admin-page__lead">
        Agents answer the chats of their channels; auto-assignment gives online agents new chats up to their
        capacity. {canEdit ? '' : 'Only admins can change people.'}
      </p>
      {users.status === 'loading' ? (
        <Spinner label="Loading people…" />
      ) : users.status === 'error' && !users.data ? (
        <div className="callout callout--error" role="alert">
          {users.error}{' '}
          <button type="button" className="link-button" onClick={users.reload}>
            Try again
          </button>
        </div>
      ) : (
        <table className="data-table people-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Departments</th>
              <th scope="col">Capacity</th>
              <th scope="col">Presence</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {people.map((user) => (
              <tr key={user.id} className={user.active ? undefined : 'is-deactivated'}>
                <th scope="row" data-label="Person">
                  <a className="person-cell" href={adminHref({ screen: 'person', userId: user.id })}>
                    <Avatar name={user.name} size={32} />
                    <span className="person-cell__text">
                      <span className="person-cell__name">{user.name}</span>
                      <span className="person-cell__email">{user.email}</span>
                    </span>
                  </a>
                </th>
                <td data-label="Role">{roleLabel(user.role)}</td>
                <td data-label="Departments">
                  {user.departmentIds.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    user.departmentIds.map((id) => departmentName.get(id) ?? '…').join(', ')
                  )}
                </td>
                <td data-label="Capacity">
                  {user.maxConcurrentChats} chat{user.maxConcurrentChats === 1 ? '' : 's'}
                </td>
                <td data-label="Presence">
                  <PresenceBadge user={user} />
                </td>
                <td data-label="Status">
                  <PersonStatusBadge user={user} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
