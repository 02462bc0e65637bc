import type { ChannelKind } from './channels.js';
import type { ConversationStatus } from './conversations.js';

/**
 * GET /api/search — Chinese-aware full-text search over messages (customers' words, voice recognition, link
 * titles, agents' replies, private notes) and contacts' names (BX4), within what the user may see.
 * Spaces separate words that must all appear; "double quotes" keep a phrase together.
 */
export interface SearchQuery {
  q: string;
  channelId?: string;
  /** The conversation's department. */
  departmentId?: string;
  /** The conversation's assignee. */
  assigneeId?: string;
  /** `open`: every state but closed. */
  status?: ConversationStatus | 'missed' | 'open';
  /** ISO 8601 instant: messages at or after it. */
  from?: string;
  /** ISO 8601 instant: messages before it. */
  to?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Messages per page, 1–50 (default 20). */
  limit?: number;
}

/** A piece of a snippet; `match` marks what the query found. Render as text, never as HTML. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Who wrote it: the customer, an agent's reply, or an agent's private note. */
export type SearchHitAuthor = 'customer' | 'agent' | 'note';

export interface SearchConversationRef {
  id: string;
  status: ConversationStatus;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  departmentId: string | null;
  assigneeId: string | null;
  contact: { id: string; displayName: string; avatarUrl: string | null };
}

export interface MessageSearchHit {
  messageId: string;
  createdAt: string;
  author: SearchHitAuthor;
  /** The customer's name, or the agent's. */
  authorName: string;
  snippet: SnippetPart[];
  conversation: SearchConversationRef;
}

/** One person: the contact of theirs found first, with the channels of theirs the user may see. */
export interface ContactSearchHit {
  contactId: string;
  displayName: string;
  avatarUrl: string | null;
  channels: Array<{ channelId: string; channelName: string; channelKind: ChannelKind }>;
}

export interface SearchResults {
  /** Newest first. */
  messages: MessageSearchHit[];
  /** Null on the last page. */
  nextCursor: string | null;
  /**
   * People whose name matches, on the first page only (by channel and department when those filters are
   * set); empty when an assignee, status or date filter is set, which only messages have.
   */
  contacts: ContactSearchHit[];
}
