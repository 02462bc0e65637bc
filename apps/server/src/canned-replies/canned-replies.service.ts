import { Injectable } from '@nestjs/common';
import {
  cannedReplyProblems,
  renderCannedReply,
  type CannedReplyChoice,
  type CannedReplyView,
  type CreateCannedReplyRequest,
  type UpdateCannedReplyRequest,
} from '#contracts';
import { DomainError, ErrorCode, forbidden, notFound } from '../common/domain-error.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import { MAX_TEXT_BYTES } from '../conversations/send-message.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import { CannedRepliesRepository, type CannedReplyRow } from './canned-replies.repository.js';

/**
 * Canned replies (CV4). A department's are managed by admins and by supervisors of that department, and used
 * by its members and in its conversations; a personal one belongs to one user, whatever their role.
 */
@Injectable()
export class CannedRepliesService {
  constructor(
    private readonly replies: CannedRepliesRepository,
    private readonly identity: IdentityRepository,
    private readonly conversations: ConversationsService,
  ) {}

  /**
   * Without a conversation: the user's own and their departments' (every department's for admins), to
   * manage. With one: what may be used there — the user's own and the conversation's department's — with
   * the placeholders filled in for its contact and this agent.
   */
  async list(user: AuthUser, conversationId?: string): Promise<CannedReplyView[] | CannedReplyChoice[]> {
    const memberOf = await this.identity.departmentIdsOf(user.id);
    if (!conversationId) {
      const rows = await this.replies.list(user.id, user.role === 'admin' ? 'all' : memberOf);
      return rows.map((row) => this.view(row, user, memberOf));
    }
    const conversation = await this.conversations.visibleConversation(user, conversationId);
    const departments = conversation.department_id ? [conversation.department_id] : [];
    const rows = await this.replies.list(user.id, departments);
    const values = {
      'contact.name':
        (await this.replies.contactName(conversation.contact_id)) ?? conversation.contact_display_name,
      'agent.name': user.name,
    };
    return rows.map((row) => ({
      ...this.view(row, user, memberOf),
      text: renderCannedReply(row.body, values),
    }));
  }

  async create(user: AuthUser, request: CreateCannedReplyRequest): Promise<CannedReplyView> {
    const checked = this.checked(request);
    const title = checked.title ?? '';
    const body = checked.body ?? '';
    let departmentId: string | null = null;
    if (request.scope === 'department') {
      if (!request.departmentId) {
        throw new DomainError(ErrorCode.ValidationFailed, 'Choose the department this reply is for');
      }
      if (!(await this.identity.findDepartment(request.departmentId))) throw notFound('Department');
      const memberOf = await this.identity.departmentIdsOf(user.id);
      if (!mayManageDepartment(user, request.departmentId, memberOf)) throw mayNotManage();
      departmentId = request.departmentId;
    } else if (request.departmentId) {
      throw new DomainError(ErrorCode.ValidationFailed, 'A personal reply belongs to no department');
    }
    const id = await this.unique(title, () =>
      this.replies.insert({
        departmentId,
        ownerId: departmentId ? null : user.id,
        title,
        body,
        createdBy: user.id,
      }),
    );
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, request: UpdateCannedReplyRequest): Promise<CannedReplyView> {
    await this.editable(user, id);
    const { title, body } = this.checked(request);
    if (title === undefined && body === undefined) return this.get(user, id);
    await this.unique(title ?? '', () => this.replies.update(id, { title, body }));
    return this.get(user, id);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.editable(user, id);
    await this.replies.delete(id);
  }

  private async get(user: AuthUser, id: string): Promise<CannedReplyView> {
    const row = await this.replies.find(id);
    if (!row) throw notFound('Canned reply');
    return this.view(row, user, await this.identity.departmentIdsOf(user.id));
  }

  /** Another user's personal reply does not exist for this one; a department's may be seen but not changed. */
  private async editable(user: AuthUser, id: string): Promise<CannedReplyRow> {
    const row = await this.replies.find(id);
    if (!row || (row.owner_id !== null && row.owner_id !== user.id)) throw notFound('Canned reply');
    const memberOf = await this.identity.departmentIdsOf(user.id);
    if (row.department_id !== null && !mayManageDepartment(user, row.department_id, memberOf)) {
      throw mayNotManage();
    }
    return row;
  }

  private view(row: CannedReplyRow, user: AuthUser, memberOf: string[]): CannedReplyView {
    return {
      id: row.id,
      scope: row.department_id ? 'department' : 'personal',
      departmentId: row.department_id,
      departmentName: row.department_name,
      title: row.title,
      body: row.body,
      canEdit: row.department_id
        ? mayManageDepartment(user, row.department_id, memberOf)
        : row.owner_id === user.id,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** Trimmed title and body, with every problem of the body's placeholders named. */
  private checked(request: { title?: string; body?: string }): { title?: string; body?: string } {
    const title = request.title?.trim();
    const body = request.body?.trim();
    if (title === '') throw new DomainError(ErrorCode.ValidationFailed, 'The title is empty');
    if (body === '') throw new DomainError(ErrorCode.ValidationFailed, 'The reply is empty');
    if (body !== undefined) {
      const problems = cannedReplyProblems(body);
      if (problems.length > 0)
        throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '), problems);
      if (Buffer.byteLength(body, 'utf8') > MAX_TEXT_BYTES) {
        throw new DomainError(
          ErrorCode.ValidationFailed,
          `The reply is too long to send as one message: at most ${MAX_TEXT_BYTES} bytes (about 680 Chinese characters)`,
        );
      }
    }
    return { title, body };
  }

  private async unique<T>(title: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new DomainError(ErrorCode.Conflict, `There is already a canned reply called “${title}” here`);
      }
      throw error;
    }
  }
}

function mayManageDepartment(user: AuthUser, departmentId: string, memberOf: string[]): boolean {
  return user.role === 'admin' || (user.role === 'supervisor' && memberOf.includes(departmentId));
}

const mayNotManage = () =>
  forbidden('Only admins and the supervisors of a department manage its canned replies');
