import { Injectable } from '@nestjs/common';
import type {
  CreateTicketRequest,
  NamedRef,
  TicketChange,
  TicketDetailView,
  TicketPriority,
  TicketView,
  UpdateTicketRequest,
} from '#contracts';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import { TicketAccessService } from './ticket-access.service.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import {
  assigneeProblem,
  conversionProblem,
  defaultSubject,
  linkProblem,
  linkReopens,
  normalizeSubject,
  planTicketUpdate,
  subjectProblem,
  unlinkProblem,
  type AssigneeCandidate,
  type TicketRefusal,
  type TicketState,
} from './ticket-rules.js';
import { toAssigneeCandidate, toTicketView } from './ticket-views.js';
import { TicketsRepository, type ActivityEntry, type LockedTicket } from './tickets.repository.js';

/** Who makes a change: a signed-in user, or the system (`null`: timers, automation), which says why. */
export type TicketActor = Pick<AuthUser, 'id'> | null;

export interface TicketWriteOptions {
  actor: TicketActor;
  /** Goes into every history entry of the change; required when the actor is the system. */
  reason?: string | null;
}

export interface OpenTicketOptions extends TicketWriteOptions {
  subject?: string;
  priority?: TicketPriority;
  /**
   * The customer wrote again long after the ticket the conversation is on (the ticket timer, TK2): the new
   * ticket takes this message and everything after it, the old one keeps what came before and is referenced.
   */
  startingAtMessageId?: string;
  /**
   * The ticket timer decided on this ticket being the current one: if another message already moved the
   * conversation to a new ticket meanwhile, nothing is created (`TicketSuperseded`).
   */
  onlyIfCurrentTicketId?: string;
}

/** `onlyIfCurrentTicketId` no longer holds: the conversation is on another ticket now. */
export class TicketSuperseded extends Error {}

export type TicketFieldsChange = Omit<UpdateTicketRequest, 'reason'>;

/** The unique index that keeps a conversation on one ticket at a time. */
const ONE_TICKET_PER_CONVERSATION = 'ticket_conversations_current_key';

function refusal(problem: TicketRefusal): DomainError {
  return new DomainError(
    problem.kind === 'validation' ? ErrorCode.ValidationFailed : ErrorCode.Conflict,
    problem.message,
  );
}

function stateOf(ticket: LockedTicket): TicketState {
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    department:
      ticket.department_id && ticket.department_name
        ? { id: ticket.department_id, name: ticket.department_name }
        : null,
    assignee:
      ticket.assignee_id && ticket.assignee_name
        ? { id: ticket.assignee_id, name: ticket.assignee_name }
        : null,
  };
}

function fieldsOf(state: TicketState) {
  return {
    subject: state.subject,
    status: state.status,
    priority: state.priority,
    departmentId: state.department?.id ?? null,
    assigneeId: state.assignee?.id ?? null,
  };
}

/**
 * Every change to tickets: the agent-facing operations (which check what the user may see) and the seams the
 * automation calls as the system (auto-conversion, the ticket timer, auto-close). Rules come from
 * `ticket-rules.ts`; each change is one transaction that writes the ticket and its history together, and
 * `ticket.created` / `ticket.updated` go out after the commit.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly access: TicketAccessService,
    private readonly queries: TicketQueriesService,
    private readonly conversations: ConversationsService,
    private readonly identity: IdentityRepository,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  // ---------- What agents do (TK1, TK3) ----------

  async createFromConversation(user: AuthUser, request: CreateTicketRequest): Promise<TicketDetailView> {
    await this.conversations.visibleConversation(user, request.conversationId);
    const ticket = await this.openForConversation(request.conversationId, {
      actor: user,
      subject: request.subject,
      priority: request.priority,
    });
    return this.queries.detail(user, ticket.id);
  }

  async link(user: AuthUser, ticketId: string, conversationId: string): Promise<TicketDetailView> {
    await this.access.visibleTicket(user, ticketId);
    await this.conversations.visibleConversation(user, conversationId);
    await this.linkConversation(ticketId, conversationId, { actor: user });
    return this.queries.detail(user, ticketId);
  }

  async unlink(user: AuthUser, ticketId: string, conversationId: string): Promise<TicketDetailView> {
    await this.access.visibleTicket(user, ticketId);
    await this.conversations.visibleConversation(user, conversationId);
    await this.unlinkConversation(ticketId, conversationId, { actor: user });
    return this.queries.detail(user, ticketId);
  }

  async update(user: AuthUser, ticketId: string, request: UpdateTicketRequest): Promise<TicketDetailView> {
    await this.access.visibleTicket(user, ticketId);
    const { reason, ...fields } = request;
    await this.changeTicket(ticketId, fields, { actor: user, reason });
    return this.queries.detail(user, ticketId);
  }

  // ---------- Seams: also called by the system, without a user's scope ----------

  /**
   * A new ticket from a conversation: requester = its contact, department = its department, assignee = its
   * assignee when they may be, thread = the conversation.
   */
  async openForConversation(conversationId: string, options: OpenTicketOptions): Promise<TicketView> {
    const reason = this.reasonOf(options);
    const conversation = await this.conversations.find(conversationId);
    if (!conversation) throw notFound('Conversation');
    const startSeq = options.startingAtMessageId
      ? await this.conversations.messageSeq(conversationId, options.startingAtMessageId)
      : null;
    if (options.startingAtMessageId && !startSeq) throw notFound('Message');
    const subject =
      options.subject === undefined
        ? defaultSubject(
            await this.conversations.firstCustomerText(conversationId),
            conversation.contact_display_name,
          )
        : this.validSubject(options.subject);
    const actorId = options.actor?.id ?? null;
    const at = this.now();

    const { created, previous } = await this.inTransaction(async (tx) => {
      const links = await this.tickets.lockLinksOf(tx, conversationId);
      const currentLink = links.find((l) => l.ended_at === null);
      const current = currentLink ? { id: currentLink.ticket_id, number: currentLink.ticket_number } : null;
      if (options.onlyIfCurrentTicketId && current?.id !== options.onlyIfCurrentTicketId) {
        throw new TicketSuperseded();
      }
      const continuing = startSeq !== null && current !== null;
      if (!continuing) {
        const problem = conversionProblem({
          contactId: conversation.contact_id,
          hasCustomerMessage: conversation.last_customer_message_at !== null,
          currentTicket: current,
        });
        if (problem) throw refusal(problem);
      }
      const old = continuing ? await this.tickets.lockTicket(tx, current.id) : null;
      const assigneeId = await this.initialAssignee(
        tx,
        conversation.assignee_id,
        conversation.department_id,
        [conversation.channel_id],
      );
      const ticket = await this.tickets.insertTicket(tx, {
        // A continuation is about the same matter until an agent says otherwise.
        subject: options.subject === undefined && old ? old.subject : subject,
        priority: options.priority ?? 'normal',
        departmentId: conversation.department_id,
        assigneeId,
        requesterContactId: conversation.contact_id,
        previousTicketId: old?.id ?? null,
        at,
      });
      if (old) {
        await this.tickets.endLink(tx, old.id, conversationId, startSeq!, at);
        await this.tickets.touchTicket(tx, old.id, at);
        await this.tickets.insertActivities(tx, old.id, at, actorId, [
          { change: { kind: 'continued', conversationId, nextTicket: ticket }, reason },
        ]);
      }
      await this.tickets.insertLink(tx, {
        ticketId: ticket.id,
        conversationId,
        linkedBy: actorId,
        fromSeq: old ? startSeq : null,
        at,
      });
      await this.tickets.insertActivities(tx, ticket.id, at, actorId, [
        {
          change: {
            kind: 'created',
            conversationId,
            previousTicket: old ? { id: old.id, number: old.number } : null,
          },
          reason,
        },
      ]);
      return { created: ticket, previous: old ? { id: old.id, number: old.number } : null };
    });

    const view = await this.announceCreated(created.id);
    if (previous) {
      await this.announceUpdated(previous.id, [{ kind: 'continued', conversationId, nextTicket: created }]);
    }
    return view;
  }

  /** The conversation joins the ticket (same customer, on no other ticket); a closed ticket reopens. */
  async linkConversation(
    ticketId: string,
    conversationId: string,
    options: TicketWriteOptions,
  ): Promise<TicketView> {
    const reason = this.reasonOf(options);
    const conversation = await this.conversations.find(conversationId);
    if (!conversation) throw notFound('Conversation');
    const at = this.now();
    const changes = await this.inTransaction(async (tx) => {
      const links = await this.tickets.lockLinksOf(tx, conversationId);
      const ticket = await this.tickets.lockTicket(tx, ticketId);
      if (!ticket) throw notFound('Ticket');
      const current = links.find((l) => l.ended_at === null);
      const problem = linkProblem(
        { id: ticket.id, number: ticket.number, requesterContactId: ticket.requester_contact_id },
        {
          contactId: conversation.contact_id,
          hasCustomerMessage: conversation.last_customer_message_at !== null,
          currentTicket: current ? { id: current.ticket_id, number: current.ticket_number } : null,
        },
      );
      if (problem) throw refusal(problem);
      await this.tickets.insertLink(tx, {
        ticketId,
        conversationId,
        linkedBy: options.actor?.id ?? null,
        fromSeq: null,
        at,
      });
      const entries: ActivityEntry[] = [{ change: { kind: 'conversation-linked', conversationId }, reason }];
      if (linkReopens(ticket.status)) {
        await this.tickets.updateTicket(tx, ticketId, { ...fieldsOf(stateOf(ticket)), status: 'open' }, at);
        entries.push({
          change: { kind: 'status', from: ticket.status, to: 'open' },
          reason: reason ?? 'A conversation was linked to it',
        });
      } else {
        await this.tickets.touchTicket(tx, ticketId, at);
      }
      await this.tickets.insertActivities(tx, ticketId, at, options.actor?.id ?? null, entries);
      return entries.map((e) => e.change);
    });
    return this.announceUpdated(ticketId, changes);
  }

  /** The conversation leaves the ticket (linked by mistake); a ticket keeps at least one. */
  async unlinkConversation(
    ticketId: string,
    conversationId: string,
    options: TicketWriteOptions,
  ): Promise<TicketView> {
    const reason = this.reasonOf(options);
    const at = this.now();
    const change: TicketChange = { kind: 'conversation-unlinked', conversationId };
    await this.inTransaction(async (tx) => {
      const links = await this.tickets.lockLinksOf(tx, conversationId);
      const ticket = await this.tickets.lockTicket(tx, ticketId);
      if (!ticket) throw notFound('Ticket');
      if (!links.some((l) => l.ticket_id === ticketId)) {
        throw new DomainError(ErrorCode.NotFound, 'That conversation is not on this ticket');
      }
      const problem = unlinkProblem(ticket.number, await this.tickets.countLinks(tx, ticketId));
      if (problem) throw refusal(problem);
      await this.tickets.deleteLink(tx, ticketId, conversationId);
      await this.tickets.touchTicket(tx, ticketId, at);
      await this.tickets.insertActivities(tx, ticketId, at, options.actor?.id ?? null, [{ change, reason }]);
    });
    return this.announceUpdated(ticketId, [change]);
  }

  /** Subject, status, priority, department, assignee: all or nothing, one history entry per field changed. */
  async changeTicket(
    ticketId: string,
    request: TicketFieldsChange,
    options: TicketWriteOptions,
  ): Promise<TicketView> {
    const reason = this.reasonOf(options);
    const department = request.departmentId ? await this.department(request.departmentId) : undefined;
    const at = this.now();
    const changes = await this.inTransaction(async (tx) => {
      const ticket = await this.tickets.lockTicket(tx, ticketId);
      if (!ticket) throw notFound('Ticket');
      const channelIds = await this.tickets.listLinkChannels(tx, ticketId);
      const candidate = async (userId: string) => {
        const [row] = await this.tickets.assigneeCandidates({ userIds: [userId] }, channelIds, tx);
        return row ? toAssigneeCandidate(row) : null;
      };
      let assignee: AssigneeCandidate | null | undefined = undefined;
      if (request.assigneeId === null) assignee = null;
      else if (request.assigneeId !== undefined) {
        assignee = await candidate(request.assigneeId);
        if (!assignee) throw new DomainError(ErrorCode.ValidationFailed, 'There is no such user');
      }
      const currentAssignee =
        department && ticket.assignee_id && assignee === undefined
          ? await candidate(ticket.assignee_id)
          : null;
      const plan = planTicketUpdate(stateOf(ticket), {
        subject: request.subject,
        status: request.status,
        priority: request.priority,
        department,
        assignee,
        currentAssignee,
      });
      if ('refused' in plan) throw refusal(plan.refused);
      if (plan.changes.length === 0) return [];
      await this.tickets.updateTicket(tx, ticketId, fieldsOf(plan.next), at);
      await this.tickets.insertActivities(
        tx,
        ticketId,
        at,
        options.actor?.id ?? null,
        plan.changes.map((change) => ({ change, reason })),
      );
      return plan.changes;
    });
    if (changes.length === 0) {
      const row = await this.tickets.findTicket(ticketId);
      return toTicketView(row!);
    }
    return this.announceUpdated(ticketId, changes);
  }

  /** The ticket a conversation is on now (for the automation's rules, e.g. the ticket timer). */
  async ticketOfConversation(conversationId: string): Promise<TicketView | null> {
    const row = await this.tickets.findTicketOfConversation(conversationId);
    return row ? toTicketView(row) : null;
  }

  /**
   * The system closed one of the ticket's conversations (a timer): the ticket's history says so, with the
   * same reason as the conversation's activity ("closed after 24 h idle"). Null when it is on no ticket.
   */
  async noteConversationClosed(conversationId: string, reason: string): Promise<TicketView | null> {
    const row = await this.tickets.findTicketOfConversation(conversationId);
    if (!row) return null;
    const at = this.now();
    const change: TicketChange = { kind: 'conversation-closed', conversationId };
    await this.inTransaction(async (tx) => {
      await this.tickets.touchTicket(tx, row.id, at);
      await this.tickets.insertActivities(tx, row.id, at, null, [{ change, reason }]);
    });
    return this.announceUpdated(row.id, [change]);
  }

  /** A message in a conversation is activity on its ticket: the list sorts by it, the ticket timer reads it. */
  async noteConversationMessage(conversationId: string): Promise<void> {
    // Our clock, not the message's: a customer's message carries the platform's time, to the second only.
    const ticketId = await this.tickets.touchTicketOfConversation(conversationId, this.now());
    if (ticketId) await this.announceUpdated(ticketId, []);
  }

  // ---------- Helpers ----------

  /** The time of a change: the app's clock (tests move it), never the database's now(). */
  private now(): Date {
    return this.clock.now();
  }

  private reasonOf(options: TicketWriteOptions): string | null {
    const reason = options.reason?.trim() || null;
    // Every automatic action says why ("closed after 24 h idle"): a missing reason is a bug in the caller.
    if (options.actor === null && !reason) throw new Error('A change made by the system needs a reason');
    return reason;
  }

  private validSubject(subject: string): string {
    const normalized = normalizeSubject(subject);
    const problem = subjectProblem(normalized);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
    return normalized;
  }

  private async department(id: string): Promise<NamedRef> {
    const department = await this.identity.findDepartment(id);
    if (!department) throw new DomainError(ErrorCode.ValidationFailed, 'There is no such department');
    return { id: department.id, name: department.name };
  }

  /** The conversation's assignee keeps it as a ticket when the assignee rules allow, else nobody has it yet. */
  private async initialAssignee(
    tx: EntityManager,
    assigneeId: string | null,
    departmentId: string | null,
    channelIds: string[],
  ): Promise<string | null> {
    if (!assigneeId || !departmentId) return null;
    const [row] = await this.tickets.assigneeCandidates({ userIds: [assigneeId] }, channelIds, tx);
    if (!row) return null;
    const problem = assigneeProblem(toAssigneeCandidate(row), { id: departmentId, name: '' });
    return problem ? null : assigneeId;
  }

  /** Two conversions of one conversation at the same moment: the unique index lets one through. */
  private async inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.tickets.transaction(work);
    } catch (error) {
      const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driverError?.code === '23505' && driverError.constraint === ONE_TICKET_PER_CONVERSATION) {
        throw new DomainError(
          ErrorCode.Conflict,
          'This conversation was just put on a ticket: reload to see it',
        );
      }
      throw error;
    }
  }

  private async announceCreated(ticketId: string): Promise<TicketView> {
    const row = await this.tickets.findTicket(ticketId);
    const ticket = toTicketView(row!);
    this.events.emit('ticket.created', {
      channelIds: row!.channel_ids,
      departmentId: row!.department_id,
      ticket,
    });
    return ticket;
  }

  private async announceUpdated(ticketId: string, changes: TicketChange[]): Promise<TicketView> {
    const row = await this.tickets.findTicket(ticketId);
    const ticket = toTicketView(row!);
    this.events.emit('ticket.updated', {
      channelIds: row!.channel_ids,
      departmentId: row!.department_id,
      ticket,
      changes,
    });
    return ticket;
  }
}
