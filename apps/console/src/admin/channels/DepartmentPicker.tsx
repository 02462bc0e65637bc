import type { DepartmentView } from '#contracts';
import { useId, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { Field } from '../form/Field';

interface DepartmentPickerProps {
  value: string;
  departments: DepartmentView[];
  onChange(departmentId: string): void;
  /** Creates a department (for a first channel, when there is none yet) and returns it. */
  onCreate(name: string): Promise<DepartmentView>;
}

/** Where the channel's chats go (CH1). Without one the channel is "not fully configured". */
export function DepartmentPicker({ value, departments, onChange, onCreate }: DepartmentPickerProps) {
  const [adding, setAdding] = useState(departments.length === 0);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const newId = useId();

  async function add() {
    if (!name.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await onCreate(name.trim());
      onChange(created.id);
      setName('');
      setAdding(false);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="department-picker">
      <Field
        label="Department"
        hint={
          value
            ? 'New chats on this channel go to this department’s queue.'
            : 'Without a department the channel is not fully configured: its chats reach no department’s queue (only admins see them).'
        }
      >
        {(control) => (
          <select
            {...control}
            data-field="departmentId"
            value={value}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">No department yet</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {adding ? (
        <div className="department-picker__new">
          <label htmlFor={newId}>New department</label>
          <div className="inline-form">
            <input
              id={newId}
              value={name}
              maxLength={80}
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void add();
                }
              }}
              placeholder="e.g. Customer Support"
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void add()}
              disabled={busy || !name.trim()}
            >
              {busy ? 'Adding…' : 'Add department'}
            </button>
          </div>
          {error && (
            <p className="field__error" role="alert">
              {error}
            </p>
          )}
        </div>
      ) : (
        <button type="button" className="link-button" onClick={() => setAdding(true)}>
          New department…
        </button>
      )}
    </div>
  );
}
