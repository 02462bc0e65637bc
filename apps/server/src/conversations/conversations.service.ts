import { Injectable } from '@nestjs/common';
import type {
  ConversationActivityView,
  ConversationStatus,
  ConversationView,
  ListConversationsQuery,
  MessageView,
} from '#contracts';
import { DomainError, ErrorCode, forbidden, notFound } from '../common/domain-error.js';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { ConversationActivityRepository } from './conversation-activity.repository.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { ConversationStateRepository } from './conversation-state.repository.js';
import { toMessageView, type ConversationRow } from './conversation-views.js';
import { ConversationsRepository } from './conversations.repository.js';

const STATUS_FILTER: Record<NonNullable<ListConversationsQuery['status']>, ConversationStatus[]> = {
  open: ['waiting', 'active', 'missed'],
  missed: ['missed'],
  waiting: ['waiting'],
  active: ['active'],
  closed: ['closed'],
};

/** Reading conversations, always within what the user may see. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly access: AccessScopeService,
    private readonly presenter: ConversationPresenter,
    private readonly activities: ConversationActivityRepository,
    private readonly states: ConversationStateRepository,
  ) {}

  async list(user: AuthUser, query: ListConversationsQuery): Promise<ConversationView[]> {
    const scope = await this.access.channelScope(user);
    if (query.channelId && !scope.all && !scope.channelIds.includes(query.channelId)) {
      throw new DomainError(ErrorCode.Forbidden, 'You are not associated with this channel');
    }
    const rows = await this.conversations.listConversations(scope, {
      statuses: STATUS_FILTER[query.status ?? 'open'],
      channelId: query.channelId,
    });
    return this.presenter.views(rows);
  }

  async get(user: AuthUser, id: string): Promise<ConversationView> {
    return this.presenter.view(await this.visibleConversation(user, id));
  }

  async messages(user: AuthUser, id: string): Promise<MessageView[]> {
    await this.visibleConversation(user, id);
    const rows = await this.conversations.listMessages(id);
    return rows.map(toMessageView);
  }

  /** The conversation's activity (assignments, transfers, state changes), oldest first. */
  async activity(user: AuthUser, id: string): Promise<ConversationActivityView[]> {
    await this.visibleConversation(user, id);
    return this.activities.list(id);
  }

  /**
   * A stretch of a conversation's messages by storage order, `fromSeq <= seq < toSeq` (null: open), for
   * another module's view of it (a ticket's thread); the same visibility as `messages`.
   */
  async messagesInRange(
    user: AuthUser,
    id: string,
    range: { fromSeq: string | null; toSeq: string | null },
  ): Promise<MessageView[]> {
    await this.visibleConversation(user, id);
    const rows = await this.conversations.listMessagesInRange(id, range);
    return rows.map(toMessageView);
  }

  /** The conversation whoever asks (the system acting on its own, e.g. automatic ticket conversion). */
  find(id: string): Promise<ConversationRow | null> {
    return this.conversations.findConversation(id);
  }

  /** The text of the customer's first text message, e.g. for a ticket's subject. */
  firstCustomerText(id: string): Promise<string | null> {
    return this.conversations.firstCustomerText(id);
  }

  /** Where a message stands in storage order (`seq`), or null when it is not in this conversation. */
  messageSeq(id: string, messageId: string): Promise<string | null> {
    return this.conversations.messageSeq(id, messageId);
  }

  /** Not found and not allowed look the same to an agent who is not associated with the channel. */
  async visibleConversation(user: AuthUser, id: string): Promise<ConversationRow> {
    const row = await this.conversations.findConversation(id);
    if (!row) throw notFound('Conversation');
    if (!(await this.access.canSeeChannel(user, row.channel_id))) {
      // Colleagues added to the conversation see it (and may reply) whatever their channels (CV3).
      if (await this.states.isParticipant(id, user.id)) return row;
      throw user.role === 'agent' ? notFound('Conversation') : forbidden();
    }
    return row;
  }
}
