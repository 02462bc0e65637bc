import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { TicketAutomationService } from './ticket-automation.service.js';
import { TicketsService } from './tickets.service.js';

/**
 * Messages in a ticket's conversation are activity on the ticket (its last activity, which the list sorts by
 * and the ticket timer reads); a customer's message may start a new ticket first (TK2), a new chat may
 * become one (TK1, TK4). Per conversation one after the other, so that each sees what the previous did.
 */
@Injectable()
export class TicketActivityListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly tickets: TicketsService,
    private readonly automation: TicketAutomationService,
  ) {}

  onModuleInit(): void {
    this.events.on('conversation.opened', ({ conversationId, channelId, departmentId }) =>
      this.automation.serially(conversationId, () =>
        this.automation.onChatStarted(conversationId, channelId, departmentId),
      ),
    );
    // The timers close chats as the system, with a reason: the chat's ticket records it too.
    this.events.on('conversation.activity', ({ conversationId, activity }) =>
      activity.kind === 'closed' && activity.actor === null && activity.reason
        ? this.automation.serially(conversationId, async () => {
            await this.tickets.noteConversationClosed(conversationId, activity.reason!);
          })
        : undefined,
    );
    this.events.on('message.created', ({ channelId, conversationId, message }) =>
      this.automation.serially(conversationId, () =>
        message.direction === 'inbound' && message.type !== 'event'
          ? this.automation.onCustomerMessage(channelId, message)
          : this.tickets.noteConversationMessage(conversationId),
      ),
    );
  }
}
