import {
  CANNED_REPLY_PLACEHOLDERS,
  cannedReplyProblems,
  renderCannedReply,
  type CannedReplyPlaceholder,
  type CannedReplyScope,
  type CannedReplyView,
  type DepartmentView,
  type UserView,
} from '#contracts';
import { useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import type { ContactsApi } from '../api/contacts-api';
import { Field } from '../admin/form/Field';

interface CannedReplyFormProps {
  api: ContactsApi;
  user: UserView;
  /** The departments whose replies this user manages (none for agents). */
  departments: DepartmentView[];
  /** Null: a new reply. */
  editing: CannedReplyView | null;
  onSaved(reply: CannedReplyView): void;
  onCancel(): void;
}

const MAX_BYTES = 2048;
const encoder = new TextEncoder();
const PLACEHOLDERS = Object.entries(CANNED_REPLY_PLACEHOLDERS) as Array<[CannedReplyPlaceholder, string]>;

/** A new reply or the one being edited, checked as it is typed, with a preview of what a customer would get. */
export function CannedReplyForm({
  api,
  user,
  departments,
  editing,
  onSaved,
  onCancel,
}: CannedReplyFormProps) {
  const [scope, setScope] = useState<CannedReplyScope>(editing?.scope ?? 'personal');
  const [departmentId, setDepartmentId] = useState(editing?.departmentId ?? departments[0]?.id ?? '');
  const [title, setTitle] = useState(editing?.title ?? '');
  const [body, setBody] = useState(editing?.body ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyInput = useRef<HTMLTextAreaElement>(null);

  const problems = cannedReplyProblems(body);
  const bytes = encoder.encode(body.trim()).length;
  const tooLong = bytes > MAX_BYTES;
  const bodyError =
    problems[0] ?? (tooLong ? `Too long to send as one message: ${bytes} of ${MAX_BYTES} bytes.` : null);
  const canSave = title.trim() !== '' && body.trim() !== '' && !bodyError && !saving;

  function insertPlaceholder(name: CannedReplyPlaceholder) {
    const element = bodyInput.current;
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    const token = `{{${name}}}`;
    setBody(body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!canSave) return;
    setSaving(true);
    setError(null);
    try {
      const saved = editing
        ? await api.updateCannedReply(editing.id, { title: title.trim(), body: body.trim() })
        : await api.createCannedReply({
            scope,
            ...(scope === 'department' ? { departmentId } : {}),
            title: title.trim(),
            body: body.trim(),
          });
      onSaved(saved);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="panel canned-form"
      aria-labelledby="canned-form-title"
      onSubmit={(event) => void save(event)}
    >
      <h2 className="panel__title" id="canned-form-title">
        {editing ? `Edit “${editing.title}”` : 'New canned reply'}
      </h2>
      {!editing && departments.length > 0 && (
        <fieldset className="canned-form__scope">
          <legend>Who uses it</legend>
          <label>
            <input
              type="radio"
              name="scope"
              checked={scope === 'personal'}
              onChange={() => setScope('personal')}
            />{' '}
            Only me
          </label>
          <label>
            <input
              type="radio"
              name="scope"
              checked={scope === 'department'}
              onChange={() => setScope('department')}
            />{' '}
            A department
          </label>
          {scope === 'department' && (
            <select
              aria-label="Department"
              value={departmentId}
              onChange={(event) => setDepartmentId(event.target.value)}
            >
              {departments.map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name}
                </option>
              ))}
            </select>
          )}
        </fieldset>
      )}
      <Field label="Title" hint="What agents look for in the list, e.g. “Greeting” or “Return policy”.">
        {(control) => (
          <input
            {...control}
            className="canned-form__input"
            value={title}
            maxLength={80}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Reply"
        error={body.trim() ? bodyError : null}
        hint="Placeholders are filled in when an agent picks the reply; they can still edit it before sending."
      >
        {(control) => (
          <textarea
            {...control}
            ref={bodyInput}
            className="canned-form__body"
            rows={4}
            maxLength={2000}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        )}
      </Field>
      <div className="canned-form__placeholders" role="group" aria-label="Insert a placeholder">
        {PLACEHOLDERS.map(([name, meaning]) => (
          <button
            key={name}
            type="button"
            className="button button--ghost button--small"
            onClick={() => insertPlaceholder(name)}
            title={`Insert ${meaning}`}
          >
            {`{{${name}}}`}
            <span className="visually-hidden">: insert {meaning}</span>
          </button>
        ))}
      </div>
      {body.trim() && !bodyError && (
        <div className="canned-form__preview">
          <span className="canned-form__preview-label">A customer called 王先生 would get:</span>
          <p>{renderCannedReply(body.trim(), { 'contact.name': '王先生', 'agent.name': user.name })}</p>
        </div>
      )}
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={!canSave}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add reply'}
        </button>
        {editing && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
