import { Injectable } from '@nestjs/common';
import type {
  ConversationTicketView,
  ConversationView,
  ListTicketsQuery,
  TicketAssigneeView,
  TicketConversationView,
  TicketDetailView,
  TicketPage,
  TicketStatus,
  TicketThreadView,
} from '#contracts';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import { assigneeProblem } from './ticket-rules.js';
import { TicketAccessService } from './ticket-access.service.js';
import {
  toActivityView,
  toAssigneeCandidate,
  toTicketView,
  type TicketLinkRow,
  type TicketRow,
} from './ticket-views.js';
import { TicketsRepository, type TicketCursor } from './tickets.repository.js';

const STATUS_FILTER: Record<NonNullable<ListTicketsQuery['status']>, TicketStatus[]> = {
  open: ['open'],
  'on-hold': ['on-hold'],
  closed: ['closed'],
  unresolved: ['open', 'on-hold'],
};

const DEFAULT_PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIVITY_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function encodeCursor(row: TicketRow): string {
  return Buffer.from(JSON.stringify([row.activity_key, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): TicketCursor {
  try {
    const [activityKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (
      typeof activityKey === 'string' &&
      ACTIVITY_KEY.test(activityKey) &&
      typeof id === 'string' &&
      UUID.test(id)
    )
      return { activityKey, id };
  } catch {
    // Falls through to the error below.
  }
  throw new DomainError(
    ErrorCode.ValidationFailed,
    'cursor is not one this API gave: start from the first page',
  );
}

/** Reading tickets, always within what the user may see. */
@Injectable()
export class TicketQueriesService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly access: TicketAccessService,
    private readonly conversations: ConversationsService,
    private readonly identity: IdentityRepository,
  ) {}

  async list(user: AuthUser, query: ListTicketsQuery): Promise<TicketPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const assignee = query.assignee;
    const { rows, total } = await this.tickets.listTickets(
      await this.access.scope(user),
      {
        statuses: query.status ? STATUS_FILTER[query.status] : undefined,
        priority: query.priority,
        departmentId: query.departmentId,
        assigneeId: assignee === 'me' ? user.id : assignee === 'none' ? null : assignee,
        requesterId: query.requesterId,
        text: query.q?.trim() || undefined,
      },
      // One more than asked for says whether there is a next page.
      { limit: limit + 1, after: query.cursor ? decodeCursor(query.cursor) : null },
    );
    const items = rows.slice(0, limit);
    return {
      items: items.map(toTicketView),
      total,
      nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null,
    };
  }

  async detail(user: AuthUser, id: string): Promise<TicketDetailView> {
    const ticket = await this.access.visibleTicket(user, id);
    const [links, activity] = await Promise.all([this.tickets.listLinks(id), this.tickets.listActivity(id)]);
    const conversations = await Promise.all(
      links.map(async (link): Promise<TicketConversationView> => ({
        conversationId: link.conversation_id,
        linkedAt: new Date(link.linked_at).toISOString(),
        endedAt: link.ended_at ? new Date(link.ended_at).toISOString() : null,
        conversation: await this.conversationIfVisible(user, link),
      })),
    );
    return { ticket: toTicketView(ticket), conversations, activity: activity.map(toActivityView) };
  }

  /** The ticket's thread: each visible conversation's part, read through the conversations module. */
  async thread(user: AuthUser, id: string): Promise<TicketThreadView> {
    await this.access.visibleTicket(user, id);
    const links = await this.tickets.listLinks(id);
    const segments: TicketThreadView['segments'] = [];
    for (const link of links) {
      const conversation = await this.conversationIfVisible(user, link);
      if (!conversation) continue;
      const messages = await this.conversations.messagesInRange(user, link.conversation_id, {
        fromSeq: link.from_seq,
        toSeq: link.to_seq,
      });
      segments.push({ conversation, messages, partial: link.from_seq !== null || link.to_seq !== null });
    }
    return { segments, hiddenConversations: links.length - segments.length };
  }

  /** Who the ticket can be given to in `departmentId` (default: its own department). */
  async assignees(user: AuthUser, id: string, departmentId?: string): Promise<TicketAssigneeView[]> {
    const ticket = await this.access.visibleTicket(user, id);
    const targetId = departmentId ?? ticket.department_id;
    if (!targetId) return [];
    const department = await this.identity.findDepartment(targetId);
    if (!department) throw new DomainError(ErrorCode.ValidationFailed, 'There is no such department');
    const candidates = await this.tickets.assigneeCandidates({ departmentId: targetId }, ticket.channel_ids);
    return candidates
      .map(toAssigneeCandidate)
      .filter((c) => !assigneeProblem(c, { id: department.id, name: department.name }))
      .map((c) => ({ id: c.id, name: c.name }));
  }

  /** The ticket a conversation is on now, for a user who may see the conversation. */
  async ofConversation(user: AuthUser, conversationId: string): Promise<ConversationTicketView> {
    await this.conversations.visibleConversation(user, conversationId);
    const ticket = await this.tickets.findTicketOfConversation(conversationId);
    return { ticket: ticket ? toTicketView(ticket) : null };
  }

  private async conversationIfVisible(user: AuthUser, link: TicketLinkRow): Promise<ConversationView | null> {
    try {
      return await this.conversations.get(user, link.conversation_id);
    } catch (error) {
      if (error instanceof DomainError && [ErrorCode.NotFound, ErrorCode.Forbidden].includes(error.code))
        return null;
      throw error;
    }
  }
}
