import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PeopleModule } from '../people/people.module.js';
import { PreferencesModule } from '../preferences/preferences.module.js';
import { TicketAutomationRepository } from './ticket-automation.repository.js';
import { TicketAutomationService } from './ticket-automation.service.js';
import { ContactTicketsProvider } from './contact-tickets.provider.js';
import { TicketAccessService } from './ticket-access.service.js';
import { TicketActivityListener } from './ticket-activity.listener.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { ConversationTicketController, TicketsController } from './tickets.controller.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';

/**
 * Tickets (TK1, TK3). Depends on conversations (their messages are the thread, read through
 * ConversationsService) and identity (scope, departments); nothing depends on it. The automation of issue 6
 * calls `TicketsService` (openForConversation, linkConversation, changeTicket, ticketOfConversation). The
 * contact page gets a person's tickets through the people module's registry (ContactTicketsProvider).
 */
@Module({
  imports: [IdentityModule, ConversationsModule, PeopleModule, PreferencesModule],
  controllers: [TicketsController, ConversationTicketController],
  providers: [
    TicketsRepository,
    TicketAccessService,
    TicketQueriesService,
    TicketsService,
    TicketActivityListener,
    ContactTicketsProvider,
    TicketAutomationRepository,
    TicketAutomationService,
  ],
  exports: [TicketsService],
})
export class TicketingModule {}
