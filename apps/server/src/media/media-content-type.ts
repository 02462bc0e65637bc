import { fileTypeFromBuffer } from 'file-type';

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * The content type we store and serve: what the bytes are (sniffed). When the bytes are not recognisable,
 * the sender's word is kept only for types a browser would not render: a "PNG" that is not one is a
 * download, never an image. Never taken from a file name.
 */
export async function detectContentType(head: Buffer, declared: string | null | undefined): Promise<string> {
  const sniffed = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  if (sniffed) return sniffed.mime;
  const clean = declared?.split(';')[0].trim().toLowerCase();
  return clean && MIME.test(clean) && !mayDisplayInline(clean) ? clean : 'application/octet-stream';
}

// Types a browser may render in the console's own origin; everything else (SVG and HTML included) is a download.
const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/;

export function mayDisplayInline(contentType: string): boolean {
  return INLINE.test(contentType);
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
};

/** A file name for a download when the platform gave none: `image.png`, `voice.amr`… */
export function defaultFilename(kind: string, contentType: string): string {
  const extension = EXTENSIONS[contentType];
  return extension ? `${kind}.${extension}` : kind;
}

/** What the bytes are, by their signature (file-type), or null when they match no format it knows. */
export async function sniffContentType(head: Buffer): Promise<string | null> {
  if (head.length === 0) return null;
  return (await fileTypeFromBuffer(head))?.mime ?? null;
}
