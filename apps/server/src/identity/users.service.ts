import { Injectable } from '@nestjs/common';
import { USER_LIMITS, type CreateUserRequest, type UpdateUserRequest, type UserView } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import type { AuthUser } from './auth-user.js';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from './entities/user.entity.js';
import { IdentityRepository } from './identity.repository.js';
import { hashPassword } from './password-hasher.js';
import { toUserView } from './user-view.js';

export const DEFAULT_MAX_CONCURRENT_CHATS = USER_LIMITS.maxConcurrentChats.default;

@Injectable()
export class UsersService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly events: DomainEvents,
  ) {}

  async createUser(request: CreateUserRequest): Promise<UserView> {
    return this.insert(request, await hashPassword(request.password));
  }

  /** Creates the user; `passwordHash` null means they will set it through an invitation. */
  async insert(
    request: Omit<CreateUserRequest, 'password'>,
    passwordHash: string | null,
    /** More work in the same transaction, e.g. the invitation row. */
    within?: (manager: EntityManager, user: UserEntity) => Promise<void>,
  ): Promise<UserView> {
    const departmentIds = await this.existingDepartments(request.departmentIds ?? []);
    if (await this.identity.findUserByEmail(request.email)) {
      throw new DomainError(ErrorCode.Conflict, `A user with the email ${request.email} already exists`);
    }
    try {
      const user = await this.identity.transaction(async (manager) => {
        const inserted = await this.identity.insertUser(
          manager,
          {
            email: request.email.toLowerCase(),
            name: request.name.trim(),
            passwordHash,
            role: request.role,
            maxConcurrentChats: request.maxConcurrentChats ?? DEFAULT_MAX_CONCURRENT_CHATS,
          },
          departmentIds,
        );
        await within?.(manager, inserted);
        return inserted;
      });
      return toUserView(user, departmentIds);
    } catch (error) {
      // Two admins adding the same address at once: the unique index decides.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new DomainError(ErrorCode.Conflict, `A user with the email ${request.email} already exists`);
      }
      throw error;
    }
  }

  /**
   * Changes what an admin manages about a user. There is always at least one active admin, so nobody can
   * lock the installation out of its own settings; deactivation signs the user out everywhere at once.
   */
  async updateUser(actor: AuthUser, userId: string, request: UpdateUserRequest): Promise<UserView> {
    const existing = await this.identity.findUserById(userId);
    if (!existing) throw notFound('User');
    const departmentIds =
      request.departmentIds === undefined ? undefined : await this.existingDepartments(request.departmentIds);
    const losesAdmin =
      existing.role === 'admin' &&
      existing.active &&
      ((request.role !== undefined && request.role !== 'admin') || request.active === false);
    if (request.active === false && userId === actor.id) {
      throw new DomainError(ErrorCode.ValidationFailed, 'You cannot deactivate your own account');
    }

    const revokedSessions = await this.identity.transaction(async (manager) => {
      if (losesAdmin) {
        const admins = await this.identity.lockActiveAdminIds(manager);
        if (admins.filter((id) => id !== userId).length === 0) {
          throw new DomainError(
            ErrorCode.Conflict,
            'This is the last active admin: make someone else an admin first',
          );
        }
      }
      await this.identity.updateUser(manager, userId, {
        ...(request.name !== undefined ? { name: request.name.trim() } : {}),
        ...(request.role !== undefined ? { role: request.role } : {}),
        ...(request.maxConcurrentChats !== undefined
          ? { maxConcurrentChats: request.maxConcurrentChats }
          : {}),
        ...(request.active !== undefined ? { active: request.active } : {}),
      });
      if (departmentIds !== undefined)
        await this.identity.replaceUserDepartments(manager, userId, departmentIds);
      return request.active === false && existing.active
        ? this.identity.revokeSessionsOf(manager, userId)
        : [];
    });

    for (const sessionId of revokedSessions) this.events.emit('session.revoked', { sessionId });
    if (request.active === false && existing.active) {
      await this.identity.setPresence(userId, 'offline', 'chosen');
      this.events.emit('presence.changed', { userId, presence: 'offline', reason: 'chosen' });
      this.events.emit('user.deactivated', { userId });
    }
    if (request.role !== undefined || departmentIds !== undefined || request.active !== undefined) {
      this.events.emit('user.scope-changed', { userIds: [userId] });
    }
    return this.view(userId);
  }

  async listUsers(): Promise<UserView[]> {
    const users = await this.identity.listUsers();
    return users.map(({ user, departmentIds }) => toUserView(user, departmentIds));
  }

  async view(userId: string): Promise<UserView> {
    const user = await this.identity.findUserById(userId);
    if (!user) throw notFound('User');
    return toUserView(user, await this.identity.departmentIdsOf(userId));
  }

  private async existingDepartments(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const departments = await this.identity.findDepartmentsByIds(unique);
    if (departments.length !== unique.length) {
      throw new DomainError(ErrorCode.ValidationFailed, 'One or more departments do not exist');
    }
    return unique;
  }
}
