import type { ChannelView, DepartmentView, UserView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { Spinner } from '../../ui/Spinner';
import { useLoad } from '../useLoad';

interface AgentsSectionProps {
  api: AdminApi;
  channel: ChannelView;
  departments: DepartmentView[];
  onSaved(channel: ChannelView): void;
}

/** Who sees and takes this channel's chats (CH5): agents and supervisors, those of its department first. */
export function AgentsSection({ api, channel, departments, onSaved }: AgentsSectionProps) {
  const users = useLoad<UserView[]>('users', (signal) => api.listUsers(signal));
  const [selected, setSelected] = useState(() => new Set(channel.agentIds));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  if (users.status === 'loading') return <Spinner label="Loading agents…" />;
  if (users.status === 'error') {
    return (
      <p className="callout callout--error" role="alert">
        {users.error}{' '}
        <button type="button" className="link-button" onClick={users.reload}>
          Try again
        </button>
      </p>
    );
  }

  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const inDepartment = (user: UserView) =>
    channel.departmentId !== null && user.departmentIds.includes(channel.departmentId);
  const people = (users.data ?? [])
    .filter((user) => user.role !== 'admin' && user.active)
    .sort((a, b) => Number(inDepartment(b)) - Number(inDepartment(a)) || a.name.localeCompare(b.name));
  const dirty = selected.size !== channel.agentIds.length || channel.agentIds.some((id) => !selected.has(id));

  function toggle(id: string, on: boolean) {
    setSaved(false);
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const updated = await api.setAgents(channel.id, [...selected]);
      onSaved(updated);
      setSelected(new Set(updated.agentIds));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="agents-title">
      <h2 id="agents-title" className="panel__title">
        Agents on this channel
      </h2>
      <p className="field__hint">
        Only associated agents see this channel’s conversations and can take them. Supervisors also see every
        channel of their departments. Admins see all channels.
      </p>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      {people.length === 0 ? (
        <p className="empty-note">
          There are no agents yet. Add agents (POST /api/users), then associate them here.
        </p>
      ) : (
        <fieldset className="agent-list">
          <legend className="visually-hidden">Agents associated with {channel.name}</legend>
          {people.map((user) => (
            <label key={user.id} className="agent-option">
              <input
                type="checkbox"
                checked={selected.has(user.id)}
                onChange={(event) => toggle(user.id, event.target.checked)}
              />
              <span className="agent-option__name">{user.name}</span>
              <span className="agent-option__meta">
                {user.role === 'supervisor' ? 'Supervisor' : 'Agent'} ·{' '}
                {user.departmentIds.map((id) => departmentName.get(id) ?? 'Unknown department').join(', ') ||
                  'No department'}
                {inDepartment(user) ? ' · in this channel’s department' : ''}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void save()}
          disabled={saving || !dirty}
        >
          {saving ? 'Saving…' : 'Save agents'}
        </button>
        <span role="status">{saved && !dirty ? 'Saved.' : ''}</span>
      </div>
    </section>
  );
}
