import { Injectable } from '@nestjs/common';
import { forbidden, notFound } from '../common/domain-error.js';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import type { TicketRow } from './ticket-views.js';
import { TicketsRepository } from './tickets.repository.js';

/**
 * Which tickets a user may see: `all` (admins), or those with a conversation on a channel in their scope
 * (CH5, the same channels as their conversations) and, for supervisors, every ticket of their departments.
 * An agent's department alone does not show them a ticket: its thread is a conversation on a channel they are
 * not associated with, which they must never read (NF5).
 */
export type TicketScope = { all: true } | { all: false; channelIds: string[]; departmentIds: string[] };

@Injectable()
export class TicketAccessService {
  constructor(
    private readonly access: AccessScopeService,
    private readonly identity: IdentityRepository,
    private readonly tickets: TicketsRepository,
  ) {}

  async scope(user: Pick<AuthUser, 'id' | 'role'>): Promise<TicketScope> {
    const channels = await this.access.channelScope(user);
    if (channels.all) return { all: true };
    const departmentIds = user.role === 'supervisor' ? await this.identity.departmentIdsOf(user.id) : [];
    return { all: false, channelIds: channels.channelIds, departmentIds };
  }

  static canSee(scope: TicketScope, ticket: Pick<TicketRow, 'channel_ids' | 'department_id'>): boolean {
    if (scope.all) return true;
    if (ticket.department_id && scope.departmentIds.includes(ticket.department_id)) return true;
    return ticket.channel_ids.some((id) => scope.channelIds.includes(id));
  }

  /** Not found and not allowed look the same to an agent, as for conversations. */
  async visibleTicket(user: Pick<AuthUser, 'id' | 'role'>, id: string): Promise<TicketRow> {
    const ticket = await this.tickets.findTicket(id);
    if (!ticket) throw notFound('Ticket');
    if (!TicketAccessService.canSee(await this.scope(user), ticket)) {
      throw user.role === 'agent' ? notFound('Ticket') : forbidden();
    }
    return ticket;
  }
}
