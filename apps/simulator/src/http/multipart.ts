export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Parses a multipart/form-data body (enough for media uploads: one or a few parts, any size). */
export function parseMultipart(
  contentTypeHeader: string | undefined,
  body: Buffer,
): MultipartPart[] | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader ?? '');
  if (!contentTypeHeader?.toLowerCase().startsWith('multipart/form-data') || !match) return undefined;
  const boundary = Buffer.from(`--${(match[1] ?? match[2]).trim()}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(boundary);
  if (start < 0) return undefined;
  while (true) {
    start += boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) return undefined;
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) return undefined;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    let dataEnd = next;
    if (body[dataEnd - 2] === 0x0d && body[dataEnd - 1] === 0x0a) dataEnd -= 2;
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      parts.push({
        name,
        filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
        contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim(),
        data: body.subarray(headerEnd + 4, dataEnd),
      });
    }
    start = next;
  }
  return parts;
}
