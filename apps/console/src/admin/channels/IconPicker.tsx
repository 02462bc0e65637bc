import { CHANNEL_LIMITS } from '#contracts';
import { useId, useRef, useState } from 'react';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** The console's first look at a file (the server checks again): JPG or PNG by its first bytes, at most 1 MB. */
export async function iconProblem(file: File): Promise<string | null> {
  if (file.size === 0) return 'The file is empty.';
  if (file.size > CHANNEL_LIMITS.iconMaxBytes)
    return `The icon must be at most 1 MB; this file is ${(file.size / (1024 * 1024)).toFixed(1)} MB.`;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (magic: number[]) => magic.every((byte, i) => head[i] === byte);
  if (!starts(PNG) && !starts(JPEG))
    return `“${file.name}” is not a JPG or PNG image (its content was checked, not its name).`;
  return null;
}

interface IconPickerProps {
  /** What is shown now: the stored icon or the picked file. */
  preview: string | null;
  busy?: boolean;
  error?: string | null;
  onPick(file: File): void;
  onRemove?(): void;
}

/** Upload a channel icon: .jpg/.jpeg/.png, at most 1 MB (CH4). */
export function IconPicker({ preview, busy, error, onPick, onRemove }: IconPickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);

  async function picked(file: File | undefined) {
    if (!file) return;
    const found = await iconProblem(file);
    setProblem(found);
    if (!found) onPick(file);
    if (input.current) input.current.value = '';
  }

  const shown = problem ?? error ?? null;
  return (
    <div className="icon-picker">
      <span className="icon-picker__preview" aria-hidden="true">
        {preview ? (
          <img src={preview} alt="" width={56} height={56} />
        ) : (
          <span className="icon-picker__empty">No icon</span>
        )}
      </span>
      <div className="icon-picker__controls">
        <label htmlFor={id} className="icon-picker__label">
          Channel icon
        </label>
        <input
          ref={input}
          id={id}
          type="file"
          accept=".jpg,.jpeg,.png,image/jpeg,image/png"
          disabled={busy}
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
          aria-invalid={shown ? true : undefined}
          onChange={(event) => void picked(event.target.files?.[0])}
        />
        <p className="field__hint" id={`${id}-hint`}>
          JPG or PNG, at most 1 MB. Shown in the channel list.
        </p>
        {shown && (
          <p className="field__error" id={`${id}-error`} role="alert">
            {shown}
          </p>
        )}
        {onRemove && preview && (
          <button type="button" className="link-button" onClick={onRemove} disabled={busy}>
            Remove icon
          </button>
        )}
      </div>
    </div>
  );
}
