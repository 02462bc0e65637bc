import { Injectable, Logger } from '@nestjs/common';
import type { ConversationActivityKind } from '#contracts';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { ConversationActivityRepository } from './conversation-activity.repository.js';
import { ConversationPresenter } from './conversation-presenter.js';
import {
  decideTransition,
  type ConversationState,
  type Transition,
  type TransitionActor,
  type TransitionRefusal,
} from './conversation-state.js';
import { ConversationStateRepository, type LockedConversation } from './conversation-state.repository.js';
import { ConversationsRepository } from './conversations.repository.js';

/** What a committed transition has to tell: hand it to `announce` after the transaction commits. */
export interface AppliedTransition {
  conversationId: string;
  channelId: string;
  contactId: string;
  kind: Transition['kind'];
  from: ConversationState;
  to: ConversationState;
  activityId: string;
  activityKind: ConversationActivityKind;
}

/**
 * The one way a conversation changes state or hands (CV1, CV3). `apply` runs inside the caller's
 * transaction: it locks the conversation's row, asks `decideTransition`, checks whoever the chat goes to,
 * writes the conversation and one activity row, and returns what to announce once the caller has committed.
 * Refusals are DomainErrors (409 `conversation_taken`, `transition_not_allowed`, `conversation_closed`;
 * 400 for an unsuitable assignee or department) and change nothing.
 */
@Injectable()
export class ConversationTransitionsService {
  private readonly logger = new Logger(ConversationTransitionsService.name);

  constructor(
    private readonly states: ConversationStateRepository,
    private readonly activities: ConversationActivityRepository,
    private readonly conversations: ConversationsRepository,
    private readonly presenter: ConversationPresenter,
    private readonly events: DomainEvents,
  ) {}

  async apply(
    tx: EntityManager,
    conversationId: string,
    transition: Transition,
    actor: TransitionActor,
    options: { note?: string | null } = {},
  ): Promise<AppliedTransition> {
    const current = await this.states.lock(tx, conversationId);
    if (!current) throw notFound('Conversation');
    const outcome = decideTransition(current, transition, actor);
    if (!outcome.allowed) throw await this.refusalError(tx, outcome.refusal);
    await this.checkTarget(tx, current, transition);
    // Every assignment locks the agent's row (checkTarget does for the others), so auto-assignment's count
    // of their load cannot go stale before it commits.
    if (transition.kind === 'pick' && actor.kind === 'agent') {
      await this.states.lockAssignable(tx, actor.userId, current.channelId);
    }

    const from: ConversationState = {
      status: current.status,
      assigneeId: current.assigneeId,
      departmentId: current.departmentId,
    };
    const to = outcome.next;
    const actorId = actor.kind === 'agent' ? actor.userId : null;
    if (transition.kind === 'add-participant') {
      if (!(await this.states.addParticipant(tx, conversationId, transition.userId, actorId))) {
        throw new DomainError(ErrorCode.Conflict, 'They already take part in this chat');
      }
    } else {
      await this.states.write(tx, conversationId, from, to);
      if (to.assigneeId && to.assigneeId !== from.assigneeId) {
        await this.states.removeParticipant(tx, conversationId, to.assigneeId);
      }
    }
    const note = transition.kind === 'transfer' ? transition.note : (options.note ?? null);
    const activityId = await this.activities.record(tx, {
      conversationId,
      kind: outcome.activity,
      actorId,
      fromStatus: from.status,
      toStatus: to.status,
      assigneeBefore: from.assigneeId,
      assigneeAfter: transition.kind === 'add-participant' ? transition.userId : to.assigneeId,
      departmentBefore: from.departmentId,
      departmentAfter: to.departmentId,
      note: note?.trim() || null,
      reason: actor.kind === 'system' ? actor.reason : null,
    });
    return {
      conversationId,
      channelId: current.channelId,
      contactId: current.contactId,
      kind: transition.kind,
      from,
      to,
      activityId,
      activityKind: outcome.activity,
    };
  }

  /**
   * After commit: the conversation's new state and its activity line go to everyone who may see it (through
   * the realtime event log), and `conversation.transitioned` lets auto-assignment react (a chat waiting, an
   * agent's load dropping). Never throws: the change is committed whatever happens to the announcement.
   */
  async announce(applied: AppliedTransition | AppliedTransition[]): Promise<void> {
    for (const one of Array.isArray(applied) ? applied : [applied]) {
      try {
        const [row, activity] = await Promise.all([
          this.conversations.findConversation(one.conversationId),
          this.activities.find(one.activityId),
        ]);
        if (row) {
          this.events.emit('conversation.updated', {
            channelId: one.channelId,
            conversation: await this.presenter.view(row),
          });
        }
        if (activity) {
          this.events.emit('conversation.activity', {
            channelId: one.channelId,
            conversationId: one.conversationId,
            activity,
          });
        }
        this.events.emit('conversation.transitioned', {
          conversationId: one.conversationId,
          channelId: one.channelId,
          from: one.from,
          to: one.to,
        });
      } catch (error) {
        this.logger.error(`Could not announce the change of ${one.conversationId}: ${String(error)}`);
      }
    }
  }

  /** Whoever the chat goes to must be able to see it and work on it. */
  private async checkTarget(
    tx: EntityManager,
    current: LockedConversation,
    transition: Transition,
  ): Promise<void> {
    switch (transition.kind) {
      case 'assign':
      case 'auto-assign':
        return this.checkAssignee(tx, current, transition.assigneeId);
      case 'transfer':
        if (transition.to.assigneeId !== undefined)
          return this.checkAssignee(tx, current, transition.to.assigneeId);
        if (!(await this.states.departmentExists(tx, transition.to.departmentId))) {
          throw new DomainError(ErrorCode.ValidationFailed, 'No such department');
        }
        return;
      case 'add-participant': {
        const user = await this.states.lockAssignable(tx, transition.userId, current.channelId);
        if (!user || !user.active) throw new DomainError(ErrorCode.ValidationFailed, 'No such active agent');
        const sameDepartment = current.departmentId
          ? user.departmentIds.includes(current.departmentId)
          : user.associated;
        if (!sameDepartment) {
          throw new DomainError(
            ErrorCode.ValidationFailed,
            `${user.name} is not in this conversation's department: only agents of the department can join it`,
          );
        }
        return;
      }
      case 'pick':
      case 'miss':
      case 'close':
        return;
    }
  }

  private async checkAssignee(tx: EntityManager, current: LockedConversation, userId: string): Promise<void> {
    const user = await this.states.lockAssignable(tx, userId, current.channelId);
    if (!user || !user.active) throw new DomainError(ErrorCode.ValidationFailed, 'No such active agent');
    if (!user.associated) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `${user.name} is not associated with this conversation's channel, so they could not see it`,
      );
    }
  }

  private async refusalError(tx: EntityManager, refusal: TransitionRefusal): Promise<DomainError> {
    switch (refusal.reason) {
      case 'taken': {
        const name = (await this.states.userName(tx, refusal.assigneeId)) ?? 'another agent';
        return new DomainError(ErrorCode.ConversationTaken, `${name} has already taken this chat`, {
          assigneeId: refusal.assigneeId,
        });
      }
      case 'closed':
        return new DomainError(ErrorCode.ConversationClosed, 'This conversation is closed');
      case 'not-allowed':
        return new DomainError(ErrorCode.TransitionNotAllowed, refusal.message);
    }
  }
}
