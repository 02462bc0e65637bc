import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { EventLogWriter } from './event-log-writer.js';
import { conversationEvents, presenceChanged, ticketEvent } from './live-events.js';
import { SocketScopes } from './socket-scopes.service.js';

/** Turns the domain events agents should see into addressed live events, in the order they were emitted. */
@Injectable()
export class LiveEventFanout implements OnModuleInit {
  private readonly logger = new Logger(LiveEventFanout.name);

  constructor(
    private readonly events: DomainEvents,
    private readonly writer: EventLogWriter,
    private readonly scopes: SocketScopes,
  ) {}

  onModuleInit(): void {
    this.events.on('message.created', (e) => this.writer.append(conversationEvents.messageCreated(e)));
    this.events.on('message.updated', (e) => this.writer.append(conversationEvents.messageUpdated(e)));
    this.events.on('conversation.updated', (e) =>
      this.writer.append(conversationEvents.conversationUpdated(e)),
    );
    this.events.on('conversation.activity', (e) =>
      this.writer.append(conversationEvents.conversationActivity(e)),
    );
    this.events.on('ticket.created', (e) => this.writer.append(ticketEvent('ticket.created', e)));
    this.events.on('ticket.updated', (e) => this.writer.append(ticketEvent('ticket.updated', e)));
    this.events.on('presence.changed', async (e) => {
      try {
        this.writer.append(presenceChanged(e, await this.scopes.departmentsOf(e.userId)));
      } catch (error) {
        this.logger.warn(`Presence of ${e.userId} not announced: ${String(error)}`);
      }
    });
  }
}
