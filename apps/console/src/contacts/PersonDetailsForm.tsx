import type { ContactPageView } from '#contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import type { ContactsApi } from '../api/contacts-api';
import { Field } from '../admin/form/Field';

interface PersonDetailsFormProps {
  api: ContactsApi;
  page: ContactPageView;
  onSaved(page: ContactPageView): void;
}

const MAX_NOTES = 4000;

/** What agents call the person and know about them; shared by all of the person's contacts. */
export function PersonDetailsForm({ api, page, onSaved }: PersonDetailsFormProps) {
  const [name, setName] = useState(page.customName ?? '');
  const [notes, setNotes] = useState(page.notes);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle');
  // What the page says now (after a save, or a merge that brought another person's name and notes).
  useEffect(() => {
    setName(page.customName ?? '');
    setNotes(page.notes);
  }, [page.customName, page.notes]);
  const changed = name.trim() !== (page.customName ?? '') || notes !== page.notes;

  async function save(event: FormEvent) {
    event.preventDefault();
    setState('saving');
    try {
      const saved = await api.updatePerson(page.contact.id, {
        displayName: name.trim() || null,
        notes,
      });
      onSaved(saved);
      setState('saved');
    } catch (failure) {
      setState({ error: errorMessage(failure) });
    }
  }

  return (
    <form
      className="panel person-form"
      aria-labelledby="person-form-title"
      onSubmit={(event) => void save(event)}
    >
      <h2 className="panel__title" id="person-form-title">
        About this person
      </h2>
      <Field label="Name agents use" hint={`Empty: the platform’s name, “${page.contact.displayName}”.`}>
        {(control) => (
          <input
            {...control}
            className="person-form__input"
            value={name}
            maxLength={80}
            placeholder={page.contact.displayName}
            onChange={(event) => {
              setName(event.target.value);
              setState('idle');
            }}
          />
        )}
      </Field>
      <Field
        label="Notes"
        hint="Only agents see these."
        aside={
          <span className="field__counter">
            {notes.length} / {MAX_NOTES}
          </span>
        }
      >
        {(control) => (
          <textarea
            {...control}
            className="person-form__notes"
            rows={4}
            maxLength={MAX_NOTES}
            value={notes}
            onChange={(event) => {
              setNotes(event.target.value);
              setState('idle');
            }}
          />
        )}
      </Field>
      {typeof state === 'object' && (
        <p className="callout callout--error" role="alert">
          {state.error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={!changed || state === 'saving'}>
          {state === 'saving' ? 'Saving…' : 'Save'}
        </button>
        {state === 'saved' && !changed && (
          <span className="form-actions__status" role="status">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
