import { Injectable } from '@nestjs/common';
import type { InboxCounts, InboxCountsQuery, InboxPage, InboxQuery } from '#contracts';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { AccessScopeService, type ChannelScope } from '../../identity/access-scope.service.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { ConversationPresenter } from '../conversation-presenter.js';
import { InboxRepository } from './inbox.repository.js';
import { decodeInboxCursor, encodeInboxCursor, sortFor, VIEW_RULES } from './inbox-views.js';

export const DEFAULT_PAGE_SIZE = 50;

/**
 * The inbox's views, their counts, filters and pages (RT3), scoped like the conversation list: agents see
 * the channels they are associated with, supervisors their departments' channels, admins everything.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly access: AccessScopeService,
    private readonly presenter: ConversationPresenter,
  ) {}

  async page(user: AuthUser, query: InboxQuery): Promise<InboxPage> {
    const sort = sortFor(query.view, query.sort);
    const after = query.cursor ? decodeInboxCursor(query.cursor, sort) : null;
    const scope = await this.scopeFor(user, query);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.inbox.page(user.id, scope, VIEW_RULES[query.view], query, sort, after, limit + 1);
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      conversations: await this.presenter.views(shown),
      nextCursor:
        rows.length > limit && last ? encodeInboxCursor({ sort, key: last.sort_key, id: last.id }) : null,
    };
  }

  async counts(user: AuthUser, query: InboxCountsQuery): Promise<InboxCounts> {
    return this.inbox.counts(user.id, await this.scopeFor(user, query), query);
  }

  private async scopeFor(user: AuthUser, query: InboxCountsQuery): Promise<ChannelScope> {
    const scope = await this.access.channelScope(user);
    if (query.channelId && !scope.all && !scope.channelIds.includes(query.channelId)) {
      throw new DomainError(ErrorCode.Forbidden, 'You are not associated with this channel');
    }
    return scope;
  }
}
