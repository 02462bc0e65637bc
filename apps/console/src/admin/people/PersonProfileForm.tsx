import type { DepartmentView, UserView } from '#contracts';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { personFormValuesOf, profileChangesOf } from './person-form';
import { PersonFields } from './PersonFields';
import { usePersonForm } from './usePersonForm';

interface PersonProfileFormProps {
  api: AdminApi;
  user: UserView;
  departments: DepartmentView[];
  onSaved(user: UserView): void;
}

/** Role, departments and capacity (and the name), saved with PATCH semantics: only what changed is sent. */
export function PersonProfileForm({ api, user, departments, onSaved }: PersonProfileFormProps) {
  const form = usePersonForm(personFormValuesOf(user));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const changes = profileChangesOf(user, form.values);
  const dirty = Object.keys(changes).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form.check() || !dirty) return;
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await api.updateUser(user.id, changes);
      onSaved(updated);
      form.reset(personFormValuesOf(updated));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="panel admin-form"
      onSubmit={(event) => void save(event)}
      noValidate
      aria-labelledby="profile-title"
    >
      <h2 id="profile-title" className="panel__title">
        Role, departments and capacity
      </h2>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      <PersonFields
        values={form.values}
        errors={form.visible}
        departments={departments}
        emailEditable={false}
        onChange={(values) => {
          setSaved(false);
          form.change(values);
        }}
        onLeave={form.leave}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <span role="status">{saved && !dirty ? 'Saved.' : ''}</span>
      </div>
    </form>
  );
}
