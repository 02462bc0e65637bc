import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from './domain-error.js';

export interface UploadedFile {
  /** As the browser named it; never trusted for the type (files are checked by their bytes). */
  filename: string;
  data: Buffer;
}

/** What one upload route accepts: the form field and the largest file, checked while the bytes arrive. */
export interface UploadLimits {
  field: string;
  maxBytes: number;
  /** For messages, e.g. "The icon". */
  what: string;
}

const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(0)} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * Reads the one file of a multipart/form-data request into memory, stopping as soon as it is larger than the
 * route allows (so an oversized upload is refused without being buffered). @fastify/multipart is registered
 * once in create-app.ts with a ceiling; each route passes its own, smaller limit here.
 */
export async function readUploadedFile(request: FastifyRequest, limits: UploadLimits): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    throw new DomainError(
      ErrorCode.UnsupportedMediaType,
      `Send the file as multipart/form-data, in the field "${limits.field}"`,
    );
  }
  const tooLarge = new DomainError(
    ErrorCode.PayloadTooLarge,
    `${limits.what} is too large: at most ${formatBytes(limits.maxBytes)} is allowed`,
  );
  let part;
  try {
    part = await request.file({ limits: { fileSize: limits.maxBytes, files: 1, fields: 0, parts: 1 } });
  } catch (error) {
    throw uploadError(error, tooLarge);
  }
  if (!part || part.fieldname !== limits.field) {
    throw new DomainError(ErrorCode.ValidationFailed, `No file: send it in the form field "${limits.field}"`);
  }
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (error) {
    throw uploadError(error, tooLarge);
  }
  if (data.length === 0) throw new DomainError(ErrorCode.ValidationFailed, `${limits.what} file is empty`);
  return { filename: part.filename, data };
}

/** One file of a multipart request, not read yet: the caller streams it (and may stop early). */
export interface UploadedFileStream {
  filename: string;
  stream: Readable;
  /** True once the stream has ended short because the file was over `maxBytes`. */
  truncated(): boolean;
}

/**
 * Opens the one file of a multipart/form-data request as a stream, for files too large to hold in memory.
 * The stream stops one byte past `maxBytes` (so the reader can tell "too large" from "exactly the limit").
 */
export async function openUploadedFile(
  request: FastifyRequest,
  limits: UploadLimits,
): Promise<UploadedFileStream> {
  if (!request.isMultipart()) {
    throw new DomainError(
      ErrorCode.UnsupportedMediaType,
      `Send the file as multipart/form-data, in the field "${limits.field}"`,
    );
  }
  let part;
  try {
    part = await request.file({
      limits: { fileSize: limits.maxBytes + 1, files: 1, fields: 0, parts: 1 },
      throwFileSizeLimit: false,
    });
  } catch (error) {
    throw uploadError(error, new DomainError(ErrorCode.PayloadTooLarge, `${limits.what} is too large`));
  }
  if (!part || part.fieldname !== limits.field) {
    part?.file.resume();
    throw new DomainError(ErrorCode.ValidationFailed, `No file: send it in the form field "${limits.field}"`);
  }
  const file = part.file;
  return { filename: part.filename, stream: file, truncated: () => file.truncated };
}

export function uploadError(error: unknown, tooLarge: DomainError): unknown {
  const code = (error as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new DomainError(ErrorCode.ValidationFailed, 'Send exactly one file and nothing else');
  }
  if (error instanceof Error && /multipart|boundary|terminated early/i.test(error.message)) {
    return new DomainError(ErrorCode.ValidationFailed, `The upload is not valid multipart/form-data`);
  }
  return error;
}
