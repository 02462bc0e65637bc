import { useEffect, useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error';

export interface AssociationOption {
  id: string;
  name: string;
  meta: string;
}

interface AssociationChecklistProps {
  title: string;
  hint: ReactNode;
  /** Read out for the group of checkboxes, e.g. "Agents associated with Demo Coffee". */
  legend: string;
  options: AssociationOption[];
  /** What is saved now. */
  savedIds: string[];
  empty: ReactNode;
  saveLabel: string;
  /** Writes the selection and returns what is saved afterwards. */
  onSave(selectedIds: string[]): Promise<string[]>;
}

/**
 * The channel–agent association as a list of checkboxes with one Save: the channel's Agents section and the
 * person's Channels section are this same component, on the same API.
 */
export function AssociationChecklist(props: AssociationChecklistProps) {
  const { savedIds, options } = props;
  const [selected, setSelected] = useState(() => new Set(savedIds));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const titleId = useId();
  const savedKey = [...savedIds].sort().join(',');
  useEffect(() => setSelected(new Set(savedKey ? savedKey.split(',') : [])), [savedKey]);

  const offered = new Set(options.map((o) => o.id));
  const savedOffered = savedIds.filter((id) => offered.has(id));
  const dirty =
    [...selected].filter((id) => offered.has(id)).length !== savedOffered.length ||
    savedOffered.some((id) => !selected.has(id));

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
      setSelected(new Set(await props.onSave([...selected])));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel__title">
        {props.title}
      </h2>
      <p className="field__hint">{props.hint}</p>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      {options.length === 0 ? (
        <p className="empty-note">{props.empty}</p>
      ) : (
        <fieldset className="agent-list">
          <legend className="visually-hidden">{props.legend}</legend>
          {options.map((option) => (
            <label key={option.id} className="agent-option">
              <input
                type="checkbox"
                checked={selected.has(option.id)}
                onChange={(event) => toggle(option.id, event.target.checked)}
              />
              <span className="agent-option__name">{option.name}</span>
              <span className="agent-option__meta">{option.meta}</span>
            </label>
          ))}
        </fieldset>
      )}
      {options.length > 0 && (
        <div className="form-actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void save()}
            disabled={saving || !dirty}
          >
            {saving ? 'Saving…' : props.saveLabel}
          </button>
          <span role="status">{saved && !dirty ? 'Saved.' : ''}</span>
        </div>
      )}
    </section>
  );
}
