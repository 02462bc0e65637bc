import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { TicketsService } from './tickets.service.js';

/** Messages in a ticket's conversation are activity on the ticket (its last activity, which the list sorts by). */
@Injectable()
export class TicketActivityListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly tickets: TicketsService,
  ) {}

  onModuleInit(): void {
    this.events.on('message.created', ({ conversationId }) =>
      this.tickets.noteConversationMessage(conversationId),
    );
  }
}
