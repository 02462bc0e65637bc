import { TICKET_SUBJECT_MAX } from '#contracts';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';

interface SubjectEditorProps {
  subject: string;
  /** The heading's id, for the page's accessible name. */
  titleId: string;
  number: string;
  onSave(subject: string): Promise<void>;
}

/** The ticket's subject as its heading, edited in place: Enter saves, Escape gives up. */
export function SubjectEditor({ subject, titleId, number, onSave }: SubjectEditorProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(subject);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (editing) input.current?.select();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function start() {
    setDraft(subject);
    setError(null);
    setEditing(true);
  }

  async function save() {
    if (draft.trim() === subject) return setEditing(false);
    setBusy(true);
    setError(null);
    try {
      await onSave(draft);
      setEditing(false);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <div className="ticket-subject">
        <h1 className="ticket-subject__title" id={titleId}>
          <span className="ticket-subject__number">{number}</span> {subject}
        </h1>
        <button ref={editButton} type="button" className="button button--ghost button--small" onClick={start}>
          Edit subject
        </button>
      </div>
    );
  }
  return (
    <form
      className="ticket-subject ticket-subject--editing"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h1 className="visually-hidden" id={titleId}>
        {number} {subject}
      </h1>
      <span className="ticket-subject__number" aria-hidden="true">
        {number}
      </span>
      <input
        ref={input}
        className="ticket-subject__input"
        aria-label="Subject"
        aria-invalid={error ? true : undefined}
        value={draft}
        maxLength={TICKET_SUBJECT_MAX}
        disabled={busy}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            setEditing(false);
          }
        }}
      />
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={busy}
        onClick={() => setEditing(false)}
      >
        Cancel
      </button>
      {error && (
        <p className="ticket-subject__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
