import { formatAttachmentBytes, type AttachmentKind } from '#contracts';
import { useState } from 'react';
import { FileIcon } from '../../ui/icons';
import type { PendingAttachment } from './useAttachment';

const NOUN: Record<AttachmentKind, string> = {
  image: 'image',
  voice: 'voice message',
  video: 'video',
  file: 'file',
};

function typeLabel(attachment: PendingAttachment): string {
  const { format, kind } = attachment;
  if (format && kind) return `${format.label} ${NOUN[kind]}`;
  return attachment.file.type || 'Unknown type';
}

function status(attachment: PendingAttachment): string {
  if (attachment.progress !== null) return `Uploading… ${Math.round(attachment.progress * 100)}%`;
  if (!attachment.check) return 'Checking…';
  if (!attachment.check.ok) return 'Cannot be sent';
  if (attachment.uploaded) return 'Uploaded · ready to send';
  return `Ready to send · up to ${formatAttachmentBytes(attachment.check.rule.maxBytes)} allowed`;
}

/** The file waiting in the composer: what it is, whether the channel takes it, the upload's progress. */
export function AttachmentChip({
  attachment,
  disabled,
  onRemove,
  errorId,
}: {
  attachment: PendingAttachment;
  disabled: boolean;
  onRemove(): void;
  errorId: string;
}) {
  const name = attachment.file.name || 'Pasted image';
  // A file named like a picture that is not one (or one the browser cannot draw) gets the plain icon.
  const [previewFailed, setPreviewFailed] = useState<string | null>(null);
  const preview = attachment.previewUrl !== previewFailed ? attachment.previewUrl : null;
  const refusal = attachment.check && !attachment.check.ok ? attachment.check.message : null;
  const problem = refusal ?? attachment.error;
  return (
    <div className="attachment-area">
      <div
        className={`attachment${problem ? ' attachment--problem' : ''}`}
        role="group"
        aria-label={`Attachment: ${name}`}
        data-state={refusal ? 'refused' : attachment.check?.ok ? 'ok' : 'checking'}
      >
        {preview ? (
          <img
            className="attachment__preview"
            src={preview}
            alt=""
            onError={() => setPreviewFailed(preview)}
          />
        ) : (
          <span className="attachment__icon">
            <FileIcon size={20} />
          </span>
        )}
        <div className="attachment__details">
          <span className="attachment__name" title={name}>
            {name}
          </span>
          <span className="attachment__meta">
            {typeLabel(attachment)} · {formatAttachmentBytes(attachment.file.size)}
          </span>
          <span className="attachment__status" role="status">
            {status(attachment)}
          </span>
        </div>
        <button
          type="button"
          className="button button--ghost button--small attachment__remove"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove ${name}`}
        >
          Remove
        </button>
      </div>
      {attachment.progress !== null && (
        <progress
          className="attachment__progress"
          aria-label={`Uploading ${name}`}
          value={attachment.progress}
          max={1}
        />
      )}
      {problem && (
        <p className="callout callout--error attachment__error" role="alert" id={errorId}>
          {problem}
        </p>
      )}
    </div>
  );
}
