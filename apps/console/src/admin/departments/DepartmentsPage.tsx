import { USER_LIMITS, type ChannelView, type DepartmentView, type UserView } from '#contracts';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Spinner } from '../../ui/Spinner';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { countLabel, departmentUsage } from './department-usage';
import { AutoAssignToggle } from './AutoAssignToggle';
import { DepartmentRow } from './DepartmentRow';

/** A department being deleted; `refusal` is the server's answer when it refused (409). */
interface Deleting {
  department: DepartmentView;
  refusal: string | null;
}

/**
 * Departments (RT4): where channels route their chats and whom people belong to. A department with channels
 * routed to it cannot be deleted (its chats would reach no queue, CH1): the page says which channels.
 */
export function DepartmentsPage({ api }: { api: AdminApi }) {
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  const users = useLoad<UserView[]>('users', (signal) => api.listUsers(signal));
  const channels = useLoad<ChannelView[]>('channels', (signal) => api.listChannels(signal));
  const [newName, setNewName] = useState('');
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const newId = useId();

  useEffect(() => {
    document.title = 'Departments · WeChat Support Desk';
  }, []);

  if (departments.status === 'loading') return <Spinner label="Loading departments…" />;
  if (!departments.data) {
    return (
      <div className="admin-page">
        <div className="callout callout--error" role="alert">
          {departments.error}{' '}
          <button type="button" className="link-button" onClick={departments.reload}>
            Try again
          </button>
        </div>
      </div>
    );
  }

  const list = departments.data;
  const usage = departmentUsage(list, users.data ?? [], channels.data ?? []);
  const countsKnown = users.status === 'ready' && channels.status === 'ready';

  async function add(event: FormEvent) {
    event.preventDefault();
    const name = newName.trim();
    if (!name) {
      setAddError('Enter a name for the department');
      return;
    }
    setAdding(true);
    setAddError(null);
    setNotice(null);
    try {
      const created = await api.createDepartment(name);
      departments.set([...list, created].sort((a, b) => a.name.localeCompare(b.name)));
      setNewName('');
      setNotice(`“${created.name}” was added. Route channels to it in their settings, and add people to it.`);
    } catch (failure) {
      setAddError(errorMessage(failure));
    } finally {
      setAdding(false);
    }
  }

  /** Asks with the channels as they are now: someone may have routed one here since the page loaded. */
  async function openDelete(department: DepartmentView) {
    setDeleteError(null);
    setNotice(null);
    try {
      channels.set(await api.listChannels());
    } catch {
      // The server refuses the deletion anyway if a channel is routed to it, and says so.
    }
    setDeleting({ department, refusal: null });
  }

  async function remove(department: DepartmentView) {
    setBusy(true);
    setDeleteError(null);
    try {
      await api.deleteDepartment(department.id);
      departments.set(list.filter((d) => d.id !== department.id));
      users.reload();
      setDeleting(null);
      setNotice(`“${department.name}” was deleted.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        // Someone routed a channel to it since this page loaded: show which ones, from a fresh list.
        try {
          channels.set(await api.listChannels());
        } catch {
          // The server's message still says why.
        }
        setDeleting({ department, refusal: failure.message });
      } else {
        setDeleteError(errorMessage(failure));
      }
    } finally {
      setBusy(false);
    }
  }

  const target = deleting?.department;
  const routed = target ? (usage.get(target.id)?.channels ?? []) : [];
  const blocked = deleting !== null && (deleting.refusal !== null || routed.length > 0);
  const members = target ? (usage.get(target.id)?.members ?? 0) : 0;

  return (
    <div className="admin-page">
      <div className="admin-page__head">
        <h1 className="admin-page__title">Departments</h1>
      </div>
      <p className="admin-page__lead">
        Each channel routes its chats to one department. People belong to one or more departments; supervisors
        oversee the channels of theirs.
      </p>

      <form className="panel department-form" onSubmit={(event) => void add(event)} noValidate>
        <h2 className="panel__title">
          <label htmlFor={newId}>New department</label>
        </h2>
        <div className="inline-form">
          <input
            id={newId}
            value={newName}
            maxLength={USER_LIMITS.departmentNameMaxChars}
            placeholder="e.g. After-sales"
            aria-invalid={addError ? true : undefined}
            aria-describedby={addError ? `${newId}-error` : undefined}
            onChange={(event) => setNewName(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={adding}>
            {adding ? 'Adding…' : 'Add department'}
          </button>
        </div>
        {addError && (
          <p className="field__error" id={`${newId}-error`} role="alert">
            {addError}
          </p>
        )}
      </form>

      <p className="callout callout--info" role="status" hidden={!notice}>
        {notice}
      </p>
      {(users.status === 'error' || channels.status === 'error') && (
        <p className="callout callout--error" role="alert">
          The member and channel counts could not be loaded: {users.error ?? channels.error}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              users.reload();
              channels.reload();
            }}
          >
            Try again
          </button>
        </p>
      )}

      {list.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No departments yet</p>
          <p className="empty-state__text">
            Add one above: every channel needs a department for its chats to reach a queue.
          </p>
        </div>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col">Members</th>
              <th scope="col">Channels</th>
              <th scope="col">Assignment</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((department) => (
              <DepartmentRow
                key={department.id}
                department={department}
                usage={countsKnown ? usage.get(department.id) : undefined}
                onRename={async (name) => {
                  const renamed = await api.renameDepartment(department.id, name);
                  departments.set(list.map((d) => (d.id === renamed.id ? renamed : d)));
                  setNotice(null);
                }}
                onDelete={() => void openDelete(department)}
                assignment={
                  <AutoAssignToggle
                    department={department}
                    onChange={async (autoAssign) => {
                      const changed = await api.setDepartmentAutoAssign(department.id, autoAssign);
                      departments.set(list.map((d) => (d.id === changed.id ? changed : d)));
                    }}
                  />
                }
              />
            ))}
          </tbody>
        </table>
      )}

      <ConfirmDialog
        open={deleting !== null && blocked}
        title={`“${target?.name ?? ''}” can’t be deleted yet`}
        onCancel={() => setDeleting(null)}
      >
        {deleting?.refusal && <p>{deleting.refusal}.</p>}
        {routed.length > 0 ? (
          <>
            <p>
              {routed.length === 1 ? 'This channel routes its' : 'These channels route their'} chats to it.
              Choose another department in {routed.length === 1 ? 'its' : 'their'} settings, then delete it:
            </p>
            <ul className="routed-channels">
              {routed.map((channel) => (
                <li key={channel.id}>
                  <a
                    href={adminHref({ screen: 'channel', channelId: channel.id, section: 'settings' })}
                    onClick={() => setDeleting(null)}
                  >
                    {channel.name}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Route the channels that use it to another department in their settings first.</p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting !== null && !blocked}
        title={`Delete “${target?.name ?? ''}”?`}
        confirmLabel="Delete department"
        danger
        busy={busy}
        error={deleteError}
        onConfirm={() => target && void remove(target)}
        onCancel={() => setDeleting(null)}
      >
        <p>
          No channel routes its chats to it.{' '}
          {members > 0
            ? `${countLabel(members, 'person belongs', 'people belong')} to it: they stay, without this department (their channels stay as they are).`
            : 'Nobody belongs to it.'}{' '}
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
