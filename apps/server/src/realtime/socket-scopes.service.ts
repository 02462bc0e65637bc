import { Injectable } from '@nestjs/common';
import type { Role } from '#contracts';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import type { SocketScope } from './socket-rooms.js';

/** What a user may see now, read afresh each time: sockets live for hours, scopes change meanwhile. */
@Injectable()
export class SocketScopes {
  constructor(
    private readonly access: AccessScopeService,
    private readonly identity: IdentityRepository,
  ) {}

  async of(user: Pick<AuthUser, 'id' | 'role' | 'sessionId'>): Promise<SocketScope> {
    const [channels, departmentIds] = await Promise.all([
      this.access.channelScope(user),
      this.identity.departmentIdsOf(user.id),
    ]);
    return { userId: user.id, sessionId: user.sessionId, role: user.role, channels, departmentIds };
  }

  /** The user's role now, or null when they were removed or deactivated. */
  async roleNow(userId: string): Promise<Role | null> {
    const user = await this.identity.findUserById(userId);
    return user?.active ? user.role : null;
  }

  /** Everyone whose view follows these departments (their members: supervisors oversee them). */
  async membersOf(departmentIds: string[]): Promise<string[]> {
    const members = await Promise.all(departmentIds.map((id) => this.identity.userIdsOfDepartment(id)));
    return [...new Set(members.flat())];
  }

  departmentsOf(userId: string): Promise<string[]> {
    return this.identity.departmentIdsOf(userId);
  }
}
