import type { MediaView } from './media.js';

/** What an agent's file becomes on the platform: the message type it is sent as. */
export type AttachmentKind = 'image' | 'voice' | 'video' | 'file';

/** One format a channel accepts for a kind, recognised by the file's bytes. */
export interface AttachmentFormat {
  /** The type the bytes are (sniffed by the server, never taken from the name): `image/jpeg`. */
  contentType: string;
  /** For people: `JPG`. */
  label: string;
  /** Names a file picker may offer (`jpg`, `jpeg`); a hint only: the content decides. */
  extensions: string[];
}

/**
 * What the channel accepts for one kind of attachment (CH6: each adapter declares its platform's limits,
 * e.g. OA images JPG/PNG ≤ 10 MB, WeCom files PDF/DOC/XLS(X) ≤ 20 MB and more than 5 bytes). The console
 * checks a file against it before uploading; the server checks again, by content.
 */
export interface AttachmentRule {
  kind: AttachmentKind;
  formats: AttachmentFormat[];
  /** Inclusive. */
  maxBytes: number;
  /** Inclusive: WeCom refuses files of 5 bytes or fewer, so its rules say 6. */
  minBytes: number;
}

/** `POST /api/conversations/:id/attachments?kind=…` (multipart, field `file`): a stored file, ready to send. */
export interface UploadedAttachment {
  kind: AttachmentKind;
  media: MediaView;
}

/** A file as the checker sees it: what it is by its bytes (null when unrecognisable), and how large. */
export interface AttachmentCandidate {
  kind: AttachmentKind;
  /** Sniffed from the bytes; null when the bytes are not a format anyone recognises. */
  contentType: string | null;
  bytes: number;
  filename?: string | null;
}

export type AttachmentRefusalReason = 'kind-not-accepted' | 'type-not-accepted' | 'too-large' | 'too-small';

export type AttachmentCheck =
  | { ok: true; rule: AttachmentRule; format: AttachmentFormat }
  | { ok: false; reason: AttachmentRefusalReason; message: string };

const NOUN: Record<AttachmentKind, string> = {
  image: 'image',
  voice: 'voice message',
  video: 'video',
  file: 'file',
};

const PLURAL: Record<AttachmentKind, string> = {
  image: 'Images',
  voice: 'Voice messages',
  video: 'Videos',
  file: 'Files',
};

/** What people call a content type that no rule lists: "a GIF image", "a PNG image", "an unknown kind of file". */
const KNOWN_TYPES: Record<string, string> = {
  'image/jpeg': 'a JPG image',
  'image/png': 'a PNG image',
  'image/gif': 'a GIF image',
  'image/bmp': 'a BMP image',
  'image/webp': 'a WebP image',
  'image/heic': 'a HEIC image',
  'audio/mpeg': 'an MP3 audio file',
  'audio/amr': 'an AMR audio file',
  'audio/wav': 'a WAV audio file',
  'audio/ogg': 'an OGG audio file',
  'audio/x-m4a': 'an M4A audio file',
  'video/mp4': 'an MP4 video',
  'video/quicktime': 'a QuickTime (MOV) video',
  'video/webm': 'a WebM video',
  'application/pdf': 'a PDF document',
  'application/zip': 'a ZIP archive',
};

/** "1.5 MB", "64 KB", "5 bytes": limits as people read them (1 MB = 1024 × 1024 bytes, as WeChat counts). */
export function formatAttachmentBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

const formatList = (rule: AttachmentRule) => joinOr(rule.formats.map((f) => f.label));

function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** One line per kind: "Images: JPG or PNG, at most 10 MB". */
export function describeAttachmentRule(rule: AttachmentRule): string {
  const min = rule.minBytes > 1 ? `, more than ${formatAttachmentBytes(rule.minBytes - 1)}` : '';
  return `${PLURAL[rule.kind]}: ${formatList(rule)}, at most ${formatAttachmentBytes(rule.maxBytes)}${min}`;
}

/**
 * The one check of an agent's file against the channel's rules, with the words both the console (before
 * uploading) and the server (by the bytes, again) show. `contentType` must come from the file's content.
 */
export function checkAttachment(rules: AttachmentRule[], file: AttachmentCandidate): AttachmentCheck {
  const typed = checkAttachmentType(rules, file);
  if (!typed.ok) return typed;
  const { rule } = typed;
  const name = nameOf(file.filename);
  if (file.bytes > rule.maxBytes) {
    return {
      ok: false,
      reason: 'too-large',
      message: `${tooLargeMessage(rule, file.filename)} This one is ${formatAttachmentBytes(file.bytes)}.`,
    };
  }
  if (file.bytes < rule.minBytes) {
    return {
      ok: false,
      reason: 'too-small',
      message: `${name} is too small: the platform needs ${withArticle(NOUN[file.kind])} larger than ${formatAttachmentBytes(rule.minBytes - 1)}, and this one is ${formatAttachmentBytes(file.bytes)}.`,
    };
  }
  return typed;
}

/** The kind and the format, before the size is known (the server reads the first bytes, then streams). */
export function checkAttachmentType(
  rules: AttachmentRule[],
  file: Omit<AttachmentCandidate, 'bytes'>,
): AttachmentCheck {
  const rule = rules.find((r) => r.kind === file.kind);
  if (!rule) {
    const accepted = rules.map((r) => PLURAL[r.kind].toLowerCase());
    return {
      ok: false,
      reason: 'kind-not-accepted',
      message: accepted.length
        ? `This channel cannot send ${PLURAL[file.kind].toLowerCase()}; it accepts ${joinOr(accepted)}.`
        : 'This channel cannot send attachments.',
    };
  }
  const format = rule.formats.find((f) => f.contentType === file.contentType);
  if (!format) {
    const actual = file.contentType
      ? (KNOWN_TYPES[file.contentType] ?? `a file of type ${file.contentType}`)
      : 'not a format we recognise';
    return {
      ok: false,
      reason: 'type-not-accepted',
      message: `${nameOf(file.filename)} cannot be sent as ${withArticle(NOUN[file.kind])}: it is ${actual} (checked by its content, not its name). ${describeAttachmentRule(rule)}.`,
    };
  }
  return { ok: true, rule, format };
}

const nameOf = (filename: string | null | undefined) => (filename ? `“${filename}”` : 'The file');

/** The refusal for a file whose size alone is over the kind's limit (the server stops reading there). */
export function tooLargeMessage(rule: AttachmentRule, filename?: string | null): string {
  return `${nameOf(filename)} is too large: ${withArticle(NOUN[rule.kind])} can be at most ${formatAttachmentBytes(rule.maxBytes)} on this channel.`;
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
