import { Injectable } from '@nestjs/common';
import type { ConversationTeamView, ConversationView, TransferConversationRequest } from '#contracts';
import { DomainError, ErrorCode, forbidden } from '../common/domain-error.js';
import type { AuthUser } from '../identity/auth-user.js';
import { ConversationPresenter } from './conversation-presenter.js';
import type { Transition } from './conversation-state.js';
import { ConversationStateRepository } from './conversation-state.repository.js';
import { ConversationTransitionsService } from './conversation-transitions.service.js';
import type { ConversationRow } from './conversation-views.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';

const isManager = (user: AuthUser) => user.role === 'admin' || user.role === 'supervisor';

/**
 * What people do with a conversation's hands (CV3): take it from the queue, assign it (supervisors), transfer
 * it with a note, bring in colleagues of the department, close it. Who may do which is decided here; what
 * the conversation allows, by conversation-state.ts through ConversationTransitionsService.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly reader: ConversationsService,
    private readonly conversations: ConversationsRepository,
    private readonly states: ConversationStateRepository,
    private readonly transitions: ConversationTransitionsService,
    private readonly presenter: ConversationPresenter,
  ) {}

  /** Two agents picking the same chat: the first one's transaction holds the row, the second gets a 409. */
  async pick(user: AuthUser, id: string): Promise<ConversationView> {
    await this.reader.visibleConversation(user, id);
    return this.run(user, id, { kind: 'pick' });
  }

  async assign(user: AuthUser, id: string, assigneeId: string): Promise<ConversationView> {
    if (!isManager(user)) throw forbidden('Only supervisors and admins assign chats');
    await this.reader.visibleConversation(user, id);
    return this.run(user, id, { kind: 'assign', assigneeId });
  }

  async transfer(
    user: AuthUser,
    id: string,
    request: TransferConversationRequest,
  ): Promise<ConversationView> {
    const row = await this.reader.visibleConversation(user, id);
    this.assertWorksOn(user, row, 'transfer');
    const note = request.note?.trim() || null;
    if ((request.assigneeId === undefined) === (request.departmentId === undefined)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Transfer to either an agent or a department');
    }
    const to =
      request.assigneeId !== undefined
        ? { assigneeId: request.assigneeId }
        : { departmentId: request.departmentId! };
    return this.run(user, id, { kind: 'transfer', to, note });
  }

  async addParticipant(user: AuthUser, id: string, userId: string): Promise<ConversationView> {
    const row = await this.reader.visibleConversation(user, id);
    this.assertWorksOn(user, row, 'add someone to');
    return this.run(user, id, { kind: 'add-participant', userId });
  }

  async close(user: AuthUser, id: string): Promise<ConversationView> {
    const row = await this.reader.visibleConversation(user, id);
    // A chat nobody has yet may be closed by anyone who sees it (spam, a customer who said "never mind").
    const unassigned = row.assignee_id === null;
    if (!unassigned && !isManager(user) && row.assignee_id !== user.id) {
      if (!(await this.states.isParticipant(id, user.id))) {
        throw forbidden('Only the agents on this chat or a supervisor can close it');
      }
    }
    return this.run(user, id, { kind: 'close' });
  }

  /** Who this conversation could go to or be shared with, and who is on it now. */
  async team(user: AuthUser, id: string): Promise<ConversationTeamView> {
    const row = await this.reader.visibleConversation(user, id);
    const [candidates, participants] = await Promise.all([
      this.states.teamOf(row.channel_id, row.department_id),
      this.states.participants(id),
    ]);
    const participantIds = new Set(participants.map((p) => p.id));
    return {
      conversationId: id,
      assignee: candidates.find((c) => c.id === row.assignee_id) ?? null,
      participants,
      agents: candidates.map((c) => ({ ...c, participant: participantIds.has(c.id) })),
    };
  }

  private assertWorksOn(user: AuthUser, row: ConversationRow, what: string): void {
    if (isManager(user) || row.assignee_id === user.id) return;
    throw forbidden(`Only the chat's agent or a supervisor can ${what} this chat`);
  }

  private async run(user: AuthUser, id: string, transition: Transition): Promise<ConversationView> {
    const applied = await this.conversations.transaction((tx) =>
      this.transitions.apply(tx, id, transition, { kind: 'agent', userId: user.id }),
    );
    await this.transitions.announce(applied);
    const row = await this.conversations.findConversation(id);
    return this.presenter.view(row!);
  }
}
