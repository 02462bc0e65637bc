import {
  checkAttachment,
  describeAttachmentRule,
  type AttachmentCheck,
  type AttachmentFormat,
  type AttachmentKind,
  type AttachmentRule,
} from '#contracts';

/** Enough of a file's start to tell the formats agents send apart. */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/**
 * What a file is by its first bytes, for the formats channels accept — the server checks again with a full
 * sniffer. Null when this cannot tell (unknown bytes, or a container such as ZIP or OLE that holds several
 * formats): then the server decides, never a guess here.
 */
export function sniffHead(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && ascii(bytes, 1, 4) === 'PNG' && bytes[0] === 0x89) return 'image/png';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return 'image/gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE')
    return 'audio/wav';
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === '#!AMR') return 'audio/amr';
  if (bytes.length >= 3 && ascii(bytes, 0, 3) === 'ID3') return 'audio/mpeg';
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe6) === 0xe2) return 'audio/mpeg';
  if (bytes.length >= 4 && ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'qt  ') return 'video/quicktime';
    if (brand.startsWith('M4A')) return 'audio/x-m4a';
    if (/^(heic|heix|mif1)$/.test(brand)) return 'image/heic';
    return 'video/mp4';
  }
  if (bytes.length >= 4 && ascii(bytes, 0, 4) === '%PDF') return 'application/pdf';
  return null;
}

const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? null;

/** The kind the agent means to send, from what the file says it is (its type, else its name). */
export function kindOfFile(
  rules: AttachmentRule[],
  file: { name: string; type: string },
): AttachmentKind | null {
  const extension = extensionOf(file.name);
  const byType = rules.find((rule) => rule.formats.some((f) => f.contentType === file.type));
  if (byType) return byType.kind;
  const byName = rules.find((rule) =>
    rule.formats.some((f) => extension && f.extensions.includes(extension)),
  );
  if (byName) return byName.kind;
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('audio/')) return 'voice';
  if (file.type.startsWith('video/')) return 'video';
  return null;
}

/** For the file picker: what the channel accepts, by name and type (a hint: any file can still be chosen). */
export function acceptAttribute(rules: AttachmentRule[]): string {
  return rules
    .flatMap((rule) => rule.formats.flatMap((f) => [...f.extensions.map((e) => `.${e}`), f.contentType]))
    .join(',');
}

export function describeRules(rules: AttachmentRule[]): string {
  return rules.map(describeAttachmentRule).join(' · ');
}

export interface FileCheck {
  kind: AttachmentKind | null;
  /** The channel's format the bytes are, when they are one (also for a file refused for its size). */
  format: AttachmentFormat | null;
  check: AttachmentCheck;
}

/**
 * The channel's rules applied to a chosen file before anything is uploaded, in the server's own words. The
 * kind comes from what the file claims to be; the format from its bytes where they can be told here.
 */
export function checkFileHead(
  rules: AttachmentRule[],
  file: { name: string; type: string; size: number },
  head: Uint8Array,
): FileCheck {
  const sniffed = sniffHead(head);
  const claimed = kindOfFile(rules, file);
  const kind =
    claimed ?? rules.find((rule) => rule.formats.some((f) => f.contentType === sniffed))?.kind ?? null;
  if (!kind) {
    return {
      kind: null,
      format: null,
      check: {
        ok: false,
        reason: 'kind-not-accepted',
        message: rules.length
          ? `“${file.name}” cannot be sent on this channel. ${describeRules(rules)}.`
          : 'This channel cannot send attachments.',
      },
    };
  }
  const rule = rules.find((r) => r.kind === kind);
  // Bytes this cannot tell apart go to the server as what they claim to be; it sniffs them properly.
  const contentType =
    sniffed ??
    rule?.formats.find((f) => f.contentType === file.type)?.contentType ??
    rule?.formats[0]?.contentType ??
    null;
  return {
    kind,
    format: rule?.formats.find((f) => f.contentType === contentType) ?? null,
    check: checkAttachment(rules, { kind, contentType, bytes: file.size, filename: file.name }),
  };
}

export async function checkFile(rules: AttachmentRule[], file: File): Promise<FileCheck> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return checkFileHead(rules, file, head);
}
