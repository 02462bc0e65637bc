import type { InboxSort, InboxViewName } from '#contracts';
import { DomainError, ErrorCode } from '../../common/domain-error.js';

/** Which conversations a view holds: by status, and for `mine` by who has them. */
export interface ViewRule {
  /** `open`: every status but closed (waiting, active, missed). */
  statuses: 'open' | 'waiting' | 'missed' | 'closed';
  /** Only conversations that are the user's (see `MINE` in inbox.repository.ts). */
  mine: boolean;
}

export const VIEW_RULES: Record<InboxViewName, ViewRule> = {
  waiting: { statuses: 'waiting', mine: false },
  mine: { statuses: 'open', mine: true },
  open: { statuses: 'open', mine: false },
  missed: { statuses: 'missed', mine: false },
  closed: { statuses: 'closed', mine: false },
};

/** Queues sort by who has waited longest; lists of chats being handled or done by the latest message. */
export function sortFor(view: InboxViewName, asked: InboxSort | undefined): InboxSort {
  const sort = asked ?? (view === 'waiting' || view === 'missed' ? 'waiting' : 'latest');
  if (view === 'closed' && sort === 'waiting') {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      'Closed conversations wait for nobody: sort them by the latest message',
    );
  }
  return sort;
}

/**
 * Where the next page starts: the last row's sort key (a timestamp as PostgreSQL prints it, microseconds
 * kept) and its id, for keyset pagination. The sort is in the cursor so that a cursor of one sort is refused
 * with another rather than skipping rows.
 */
export interface InboxCursor {
  sort: InboxSort;
  key: string;
  id: string;
}

const POSTGRES_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeInboxCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

export function decodeInboxCursor(text: string, sort: InboxSort): InboxCursor {
  let parsed: unknown[] = [];
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
  } catch {
    // Refused below.
  }
  const [cursorSort, key, id] = Array.isArray(parsed) ? parsed : [];
  if (typeof key !== 'string' || !POSTGRES_TIMESTAMP.test(key) || typeof id !== 'string' || !UUID.test(id)) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      'This cursor is not one the inbox gave: load the view again',
    );
  }
  if (cursorSort !== sort) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      'This cursor belongs to another sort: load the view again',
    );
  }
  return { sort, key, id };
}
