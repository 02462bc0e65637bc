import { useId, useRef, useState } from 'react';

interface CopyFieldProps {
  label: string;
  value: string;
  /** Shown under the field, e.g. where to paste it. */
  hint?: string;
}

/** A value to paste somewhere else (a callback URL, a Token): read-only, selectable, with a Copy button. */
export function CopyField({ label, value, hint }: CopyFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // No clipboard permission (e.g. plain http): select it for Ctrl+C instead.
      input.current?.select();
      setCopied('select');
    }
    window.setTimeout(() => setCopied(null), 4000);
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input
          ref={input}
          id={id}
          className="copy-field__value"
          readOnly
          value={value}
          spellCheck={false}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy<span className="visually-hidden"> {label}</span>
        </button>
      </div>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <span className="copy-field__status" role="status">
        {copied === 'copied'
          ? `${label} copied`
          : copied === 'select'
            ? 'Selected: press Ctrl+C (⌘C) to copy'
            : ''}
      </span>
    </div>
  );
}
