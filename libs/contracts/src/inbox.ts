import type { ConversationView } from './conversations.js';

/**
 * The inbox's views (RT3). `open`: every conversation not closed (waiting, active and missed); `mine`: open
 * and assigned to me; `missed`: a waiting chat nobody took in time (CV1).
 */
export const INBOX_VIEWS = ['waiting', 'mine', 'open', 'missed', 'closed'] as const;
export type InboxViewName = (typeof INBOX_VIEWS)[number];

/**
 * `waiting`: the customer who has waited longest first (by their last message, or when the chat opened);
 * `latest`: the latest message first. Closed chats wait for nobody: they sort by `latest` only.
 */
export const INBOX_SORTS = ['waiting', 'latest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** GET /api/inbox — one page of a view, within what the user may see (as GET /api/conversations). */
export interface InboxQuery {
  view: InboxViewName;
  channelId?: string;
  /** The conversation's department. */
  departmentId?: string;
  /** Default: `waiting` for the waiting and missed views, `latest` for the others. */
  sort?: InboxSort;
  /** `nextCursor` of the previous page (with the same view, filters and sort). */
  cursor?: string;
  /** 1–100, default 50. */
  limit?: number;
}

export interface InboxPage {
  conversations: ConversationView[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** Closed conversations only accumulate: they are counted up to this many, then "1000+". */
export const CLOSED_COUNT_LIMIT = 1000;

/**
 * GET /api/inbox/counts — how many conversations each view holds, with the same filters. `closed` stops at
 * `CLOSED_COUNT_LIMIT`, and `closedCapped` says there are more.
 */
export type InboxCounts = Record<InboxViewName, number> & { closedCapped: boolean };

/** The filters the counts take: those of the list, without view, sort or page. */
export type InboxCountsQuery = Pick<InboxQuery, 'channelId' | 'departmentId'>;
