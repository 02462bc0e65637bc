import { Injectable } from '@nestjs/common';
import type { AuthUser } from './auth-user.js';
import { IdentityRepository } from './identity.repository.js';

/** `all`, or exactly the channels whose conversations this user may see (CH5, NF5). */
export type ChannelScope = { all: true } | { all: false; channelIds: string[] };

@Injectable()
export class AccessScopeService {
  constructor(private readonly identity: IdentityRepository) {}

  async channelScope(user: Pick<AuthUser, 'id' | 'role'>): Promise<ChannelScope> {
    switch (user.role) {
      case 'admin':
        return { all: true };
      case 'supervisor': {
        const departments = await this.identity.departmentIdsOf(user.id);
        const [overseen, associated] = await Promise.all([
          this.identity.channelIdsOfDepartments(departments),
          this.identity.channelIdsOfAgent(user.id),
        ]);
        return { all: false, channelIds: [...new Set([...overseen, ...associated])] };
      }
      case 'agent':
        return { all: false, channelIds: await this.identity.channelIdsOfAgent(user.id) };
    }
  }

  async canSeeChannel(user: Pick<AuthUser, 'id' | 'role'>, channelId: string): Promise<boolean> {
    const scope = await this.channelScope(user);
    return scope.all || scope.channelIds.includes(channelId);
  }
}
