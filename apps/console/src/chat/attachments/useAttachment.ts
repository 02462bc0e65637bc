import type {
  AttachmentCheck,
  AttachmentFormat,
  AttachmentKind,
  AttachmentRule,
  UploadedAttachment,
} from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { checkFile } from './attachment-file-check';

/** The file in the composer, from being chosen to being sent. */
export interface PendingAttachment {
  file: File;
  kind: AttachmentKind | null;
  /** What it is among the channel's formats, if it is one. */
  format: AttachmentFormat | null;
  /** Null while the file's first bytes are being read. */
  check: AttachmentCheck | null;
  /** An object URL for an image's preview. */
  previewUrl: string | null;
  /** 0–1 while uploading. */
  progress: number | null;
  /** Once stored on the server: sending again (after a refusal) does not upload it again. */
  uploaded: UploadedAttachment | null;
  /** Why the upload or the send failed, in the server's words. */
  error: string | null;
}

export type UploadAttachment = (
  kind: AttachmentKind,
  file: File,
  onProgress: (fraction: number) => void,
) => Promise<UploadedAttachment>;
export type SendAttachment = (kind: AttachmentKind, mediaId: string) => Promise<void>;

/** One attachment at a time (WeChat sends one file per message), checked against the channel's rules. */
export function useAttachment(rules: AttachmentRule[], upload: UploadAttachment, send: SendAttachment) {
  const [pending, setPending] = useState<PendingAttachment | null>(null);
  const current = useRef<PendingAttachment | null>(null);
  const [busy, setBusy] = useState(false);

  const replace = useCallback((next: PendingAttachment | null) => {
    const previous = current.current;
    if (previous?.previewUrl && previous.previewUrl !== next?.previewUrl)
      URL.revokeObjectURL(previous.previewUrl);
    current.current = next;
    setPending(next);
  }, []);

  const update = useCallback((file: File, patch: Partial<PendingAttachment>) => {
    // A late answer about a file the agent has since removed or replaced changes nothing.
    if (current.current?.file !== file) return;
    const next = { ...current.current, ...patch };
    current.current = next;
    setPending(next);
  }, []);

  useEffect(() => () => replace(null), [replace]);

  const choose = useCallback(
    (file: File) => {
      const previewUrl = /^image\/(png|jpeg)$/.test(file.type) ? URL.createObjectURL(file) : null;
      replace({
        file,
        kind: null,
        format: null,
        check: null,
        previewUrl,
        progress: null,
        uploaded: null,
        error: null,
      });
      checkFile(rules, file).then(
        ({ kind, format, check }) => update(file, { kind, format, check }),
        () =>
          update(file, {
            check: { ok: false, reason: 'type-not-accepted', message: 'This file could not be read.' },
          }),
      );
    },
    [rules, replace, update],
  );

  const remove = useCallback(() => replace(null), [replace]);

  /** Uploads the file (unless it already is) and sends it; false when something failed (shown on it). */
  const submit = useCallback(async (): Promise<boolean> => {
    const attachment = current.current;
    if (!attachment?.check?.ok || !attachment.kind) return false;
    const { file, kind } = attachment;
    setBusy(true);
    try {
      let uploaded = attachment.uploaded;
      if (!uploaded) {
        update(file, { progress: 0, error: null });
        uploaded = await upload(kind, file, (fraction) => update(file, { progress: fraction }));
        update(file, { uploaded, progress: null });
      }
      update(file, { error: null });
      await send(kind, uploaded.media.id);
      if (current.current?.file === file) replace(null);
      return true;
    } catch (failure) {
      update(file, { progress: null, error: errorMessage(failure) });
      return false;
    } finally {
      setBusy(false);
    }
  }, [upload, send, update, replace]);

  const ready = pending?.check?.ok === true && pending.kind !== null;
  return { pending, ready, busy, choose, remove, submit };
}
