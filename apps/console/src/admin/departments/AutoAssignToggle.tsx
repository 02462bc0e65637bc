import type { DepartmentView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';

interface AutoAssignToggleProps {
  department: DepartmentView;
  onChange(autoAssign: boolean): Promise<void>;
}

/** Whether the department's waiting chats go to its online agents by themselves (round robin, CV3). */
export function AutoAssignToggle({ department, onChange }: AutoAssignToggleProps) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(autoAssign: boolean) {
    setSaving(true);
    setError(null);
    try {
      await onChange(autoAssign);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <label className="inline-check">
        <input
          type="checkbox"
          checked={department.autoAssign}
          disabled={saving}
          onChange={(event) => void toggle(event.target.checked)}
        />
        <span>
          Assign automatically<span className="visually-hidden"> in {department.name}</span>
        </span>
      </label>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
