import { DomainError, ErrorCode } from '../common/domain-error.js';

/** Where the next page starts: the last message's `created_at` (as PostgreSQL prints it) and `seq`. */
export interface SearchCursor {
  createdAt: string;
  seq: string;
}

/** `2026-03-01 10:00:00.123456+08`: how PostgreSQL prints a timestamptz (microseconds kept, unlike a Date). */
const POSTGRES_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.seq])).toString('base64url');
}

export function decodeSearchCursor(text: string): SearchCursor {
  try {
    const [createdAt, seq] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof createdAt === 'string' &&
      POSTGRES_TIMESTAMP.test(createdAt) &&
      typeof seq === 'string' &&
      /^\d{1,19}$/.test(seq)
    ) {
      return { createdAt, seq };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new DomainError(ErrorCode.ValidationFailed, 'This cursor is not one the search gave: search again');
}
