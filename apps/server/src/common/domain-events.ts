import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import type {
  ConversationActivityView,
  ConversationStatus,
  ConversationView,
  MessageView,
  Presence,
  TicketChange,
  TicketView,
} from '#contracts';

/** Events services emit after their transaction commits; the realtime module decides who receives them. */
export interface DomainEventMap {
  'message.created': { channelId: string; conversationId: string; message: MessageView };
  'message.updated': { channelId: string; conversationId: string; message: MessageView };
  'conversation.updated': { channelId: string; conversation: ConversationView };
  'channel.agents-changed': { channelId: string; userIds: string[] };
  /** The channel is routed to another department: what those departments' supervisors see changes. */
  'channel.department-changed': { channelId: string; departmentIds: string[] };
  'outbound.queued': { messageId: string };
  /** Inbound files were stored as pending: the media fetcher should look now rather than at its next sweep. */
  'media.pending': { count: number };
  'session.revoked': { sessionId: string };
  /** Role, departments or active flag changed: what these users may see has to be worked out again. */
  'user.scope-changed': { userIds: string[] };
  /** The user can no longer sign in; their chats need someone else. */
  'user.deactivated': { userId: string };
  'presence.changed': { userId: string; presence: Presence; reason: 'chosen' | 'idle' | null };
  /** `channelIds`: of the ticket's conversations, which decide (with its department) who may see it. */
  'ticket.created': { channelIds: string[]; departmentId: string | null; ticket: TicketView };
  /** `changes`: what this update recorded in the history (empty when only its last activity moved). */
  'ticket.updated': {
    channelIds: string[];
    departmentId: string | null;
    ticket: TicketView;
    changes: TicketChange[];
  };
  /** The platform told a contact's UnionID (at a profile refresh): contacts that share it are one person. */
  'contact.union-id': { contactId: string; unionId: string };
  /** A line was added to a conversation's activity (a transition, or a note the system keeps). */
  'conversation.activity': { channelId: string; conversationId: string; activity: ConversationActivityView };
  /** A committed state change (ConversationTransitionsService): auto-assignment reacts to queues and loads. */
  'conversation.transitioned': {
    conversationId: string;
    channelId: string;
    from: ConversationTransitionState;
    to: ConversationTransitionState;
  };
  /** An admin turned auto-assignment on for the department: its queue is worth a look now. */
  'department.auto-assign-enabled': { departmentId: string };
  /** Ingest opened a conversation (it waits in its department's queue). */
  'conversation.opened': { conversationId: string; channelId: string; departmentId: string | null };
}

export interface ConversationTransitionState {
  status: ConversationStatus;
  assigneeId: string | null;
  departmentId: string | null;
}

@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger(DomainEvents.name);

  emit<E extends keyof DomainEventMap>(event: E, payload: DomainEventMap[E]): void {
    for (const listener of this.emitter.listeners(event)) {
      // One failing listener must not stop the others or reach the caller, whose transaction has committed.
      Promise.resolve()
        .then(() => (listener as (p: DomainEventMap[E]) => unknown)(payload))
        .catch((error: unknown) => this.logger.error(`Listener for ${event} failed: ${String(error)}`));
    }
  }

  on<E extends keyof DomainEventMap>(event: E, listener: (payload: DomainEventMap[E]) => unknown): void {
    this.emitter.on(event, listener);
  }
}
