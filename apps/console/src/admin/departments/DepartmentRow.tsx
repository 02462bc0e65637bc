import { USER_LIMITS, type DepartmentView } from '#contracts';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../api/api-error';
import { adminHref } from '../admin-route';
import { countLabel, type DepartmentUsage } from './department-usage';

interface DepartmentRowProps {
  department: DepartmentView;
  /** Undefined while the counts are not known. */
  usage: DepartmentUsage | undefined;
  onRename(name: string): Promise<void>;
  onDelete(): void;
  /** The auto-assignment switch. */
  assignment?: ReactNode;
}

/** One department: its counts, renamed in place (Enter saves, Escape cancels), or deleted. */
export function DepartmentRow({ department, usage, onRename, onDelete, assignment }: DepartmentRowProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(department.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  function stop() {
    setEditing(false);
    setError(null);
    setName(department.name);
    window.setTimeout(() => renameButton.current?.focus(), 0);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Enter a name for the department');
    if (trimmed === department.name) return stop();
    setSaving(true);
    setError(null);
    try {
      await onRename(trimmed);
      setEditing(false);
      window.setTimeout(() => renameButton.current?.focus(), 0);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <tr>
      <th scope="row" data-label="Department">
        {editing ? (
          <form className="rename-form" onSubmit={(event) => void save(event)} noValidate>
            <label htmlFor={id} className="visually-hidden">
              New name for {department.name}
            </label>
            <div className="inline-form">
              <input
                ref={input}
                id={id}
                value={name}
                maxLength={USER_LIMITS.departmentNameMaxChars}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(event) => setName(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    event.preventDefault();
                    stop();
                  }
                }}
              />
              <button type="submit" className="button button--primary button--small" disabled={saving}>
                {saving ? 'Saving…' : 'Save'}
              </button>
              <button type="button" className="button button--secondary button--small" onClick={stop}>
                Cancel
              </button>
            </div>
            {error && (
              <p className="field__error" id={`${id}-error`} role="alert">
                {error}
              </p>
            )}
          </form>
        ) : (
          department.name
        )}
      </th>
      <td data-label="Members">{usage ? countLabel(usage.members, 'member', 'members') : '…'}</td>
      <td data-label="Channels">
        {!usage ? (
          '…'
        ) : usage.channels.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <span className="inline-list">
            {usage.channels.map((channel) => (
              <a
                key={channel.id}
                href={adminHref({ screen: 'channel', channelId: channel.id, section: 'settings' })}
              >
                {channel.name}
              </a>
            ))}
          </span>
        )}
      </td>
      <td data-label="Assignment">{assignment}</td>
      <td data-label="Actions" className="data-table__actions">
        <div className="row-actions">
          <button
            ref={renameButton}
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing(true)}
            disabled={editing}
          >
            Rename<span className="visually-hidden"> {department.name}</span>
          </button>
          <button type="button" className="button button--danger-ghost button--small" onClick={onDelete}>
            Delete<span className="visually-hidden"> {department.name}</span>
          </button>
        </div>
      </td>
    </tr>
  );
}
