/** File formats recognised by their first bytes (the platforms check content, not just names). */
export type SniffedFormat = 'jpg' | 'png' | 'gif' | 'bmp' | 'amr' | 'mp3' | 'mp4' | 'unknown';

export function sniffFormat(data: Buffer): SniffedFormat {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'gif';
  if (data.length >= 2 && data.subarray(0, 2).toString('latin1') === 'BM') return 'bmp';
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '#!AMR') return 'amr';
  if (data.length >= 3 && data.subarray(0, 3).toString('latin1') === 'ID3') return 'mp3';
  if (data.length >= 2 && data[0] === 0xff && (data[1] & 0xe0) === 0xe0) return 'mp3';
  if (data.length >= 8 && data.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  return 'unknown';
}

export const CONTENT_TYPES: Record<SniffedFormat, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  unknown: 'application/octet-stream',
};

/** A 1×1 PNG, used when a simulated customer "sends a picture" without supplying one. */
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** An AMR header plus a few silent frames: enough to be recognised as a voice message. */
export const SAMPLE_AMR = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(13 * 10, 0x3c)]);

/** The smallest box layout that reads as MP4 (ftyp + empty mdat). */
export const SAMPLE_MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom', 'latin1'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isomiso2', 'latin1'),
  Buffer.from([0, 0, 0, 8]),
  Buffer.from('mdat', 'latin1'),
]);

/** A one-page PDF header: what a customer "sends as a file" when they pick nothing. */
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n%simulated\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');

/**
 * Content-Disposition for a download. Names outside ASCII (a customer's "发票.pdf") go in `filename*`
 * (RFC 6266 / 5987) with an ASCII fallback, since a raw UTF-8 header is not valid HTTP.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
  if (fallback === filename) return `attachment; filename="${filename}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
