import { Injectable } from '@nestjs/common';
import type {
  ContactSearchHit,
  MessageSearchHit,
  SearchHitAuthor,
  SearchQuery,
  SearchResults,
} from '#contracts';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { AccessScopeService, type ChannelScope } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor.js';
import { snippetOf } from './search-snippet.js';
import { planSearch } from './search-terms.js';
import { SearchRepository, type MessageHitRow, type SearchMatch } from './search.repository.js';

const DEFAULT_LIMIT = 20;
const CONTACTS_SHOWN = 8;

/** Full-text search over messages, notes and contacts' names (BX4, CV5), within what the user may see. */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly access: AccessScopeService,
  ) {}

  async find(user: AuthUser, query: SearchQuery): Promise<SearchResults> {
    const plan = planSearch(query.q);
    if (!plan) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'Search for a word, a number or Chinese characters (punctuation and emoji alone find nothing)',
      );
    }
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) {
      throw new DomainError(ErrorCode.ValidationFailed, 'The start of the date range must be before its end');
    }
    const scope = await this.access.channelScope(user);
    if (query.channelId && !scope.all && !scope.channelIds.includes(query.channelId)) {
      throw new DomainError(ErrorCode.Forbidden, 'You are not associated with this channel');
    }
    const match: SearchMatch = { tsquery: plan.tsquery, phrases: plan.phrases };
    const limit = query.limit ?? DEFAULT_LIMIT;
    const before = query.cursor ? decodeSearchCursor(query.cursor) : undefined;

    const rows = await this.search.searchMessages(match, scope, {
      channelId: query.channelId,
      departmentId: query.departmentId,
      assigneeId: query.assigneeId,
      statuses: !query.status ? null : query.status === 'open' ? 'open' : [query.status],
      from,
      to,
      before,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    // Only messages have an assignee, a state and a date: with those filters, people are not what is asked for.
    const peopleToo = !before && !query.assigneeId && !query.status && !from && !to;
    return {
      messages: page.map((row) => toMessageHit(row, plan.phrases)),
      nextCursor:
        rows.length > limit && last
          ? encodeSearchCursor({ createdAt: last.created_at_key, seq: last.seq })
          : null,
      contacts: peopleToo ? await this.findContacts(match, scope, query) : [],
    };
  }

  private async findContacts(
    match: SearchMatch,
    scope: ChannelScope,
    query: SearchQuery,
  ): Promise<ContactSearchHit[]> {
    const rows = await this.search.searchContacts(match, scope, {
      channelId: query.channelId,
      departmentId: query.departmentId,
      limit: CONTACTS_SHOWN,
    });
    const personIds = rows.flatMap((row) => (row.person_id ? [row.person_id] : []));
    const channels = await this.search.channelsOfPeople(personIds, scope);
    return rows.map((row) => ({
      contactId: row.id,
      displayName: row.display_name,
      avatarUrl: row.avatar_url,
      channels: (row.person_id
        ? channels.filter((channel) => channel.person_id === row.person_id)
        : [row]
      ).map((channel) => ({
        channelId: channel.channel_id,
        channelName: channel.channel_name,
        channelKind: channel.channel_kind,
      })),
    }));
  }
}

function authorOf(direction: string): SearchHitAuthor {
  if (direction === 'inbound') return 'customer';
  if (direction === 'note') return 'note';
  return 'agent';
}

function toMessageHit(row: MessageHitRow, phrases: string[]): MessageSearchHit {
  const author = authorOf(row.direction);
  return {
    messageId: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    author,
    authorName: author === 'customer' ? row.contact_name : (row.sender_name ?? 'An agent'),
    snippet: snippetOf(row.text, phrases),
    conversation: {
      id: row.conversation_id,
      status: row.status,
      channelId: row.channel_id,
      channelName: row.channel_name,
      channelKind: row.channel_kind,
      departmentId: row.department_id,
      assigneeId: row.assignee_id,
      contact: { id: row.contact_id, displayName: row.contact_name, avatarUrl: row.contact_avatar_url },
    },
  };
}
