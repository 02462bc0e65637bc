import { Injectable, Logger } from '@nestjs/common';
import type { MessageView } from '#contracts';
import { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import { ConversationActivityRepository } from '../conversations/conversation-activity.repository.js';
import { ConversationAutomationRepository } from '../conversations/conversation-automation.repository.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import { SystemMessagesService } from '../conversations/system-messages.service.js';
import { PreferencesService } from '../preferences/preferences.service.js';
import { startsNewTicket, timerReasons } from '../preferences/timer-rules.js';
import { describeLeftMessage, leaveMessageReason } from './leave-message-rules.js';
import { TicketAutomationRepository } from './ticket-automation.repository.js';
import { TicketsService, TicketSuperseded } from './tickets.service.js';

/**
 * Chats that become tickets by themselves, after the ingest committed (off the callback's path):
 * - when a chat starts: leave a message (TK4) when nobody can take it now, else auto conversion (TK1);
 * - when a customer writes in a chat whose ticket is old: the ticket timer (TK2) starts a new ticket.
 * Each writes the conversation's activity with the reason. These run in the process that took the
 * message; a crash between the ingest's commit and here loses that one decision (the message is stored).
 */
@Injectable()
export class TicketAutomationService {
  private readonly logger = new Logger(TicketAutomationService.name);
  /** One decision at a time per conversation in this process: two quick messages see each other's ticket. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly tickets: TicketsService,
    private readonly preferences: PreferencesService,
    private readonly conversations: ConversationsService,
    private readonly automation: ConversationAutomationRepository,
    private readonly activities: ConversationActivityRepository,
    private readonly systemMessages: SystemMessagesService,
    private readonly desk: TicketAutomationRepository,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /** Runs `work` after whatever this process is still deciding about the conversation. */
  serially(conversationId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => {
      this.logger.error(`Ticket automation for conversation ${conversationId} failed: ${String(error)}`);
    });
    this.queues.set(conversationId, next);
    void next.finally(() => {
      if (this.queues.get(conversationId) === next) this.queues.delete(conversationId);
    });
    return next;
  }

  async onChatStarted(conversationId: string, channelId: string, departmentId: string | null): Promise<void> {
    const settings = await this.preferences.settingsFor(departmentId, channelId);
    const desk = await this.desk.deskNow(channelId, departmentId);
    const left = leaveMessageReason(settings, desk, this.clock.now());
    if (left) {
      const reason = describeLeftMessage(left, settings, desk.waiting);
      const messagesAllowed = await this.systemMessages.messagesAllowed(channelId);
      const { activityIds, messageId } = await this.automation.transaction(async (tx) => {
        await this.automation.markLeftMessage(tx, conversationId, left);
        const ids = [
          await this.activities.record(tx, { conversationId, kind: 'left-message', actorId: null, reason }),
        ];
        const outcome = await this.systemMessages.queueInTransaction(
          tx,
          conversationId,
          settings.leaveMessage.reply,
          messagesAllowed,
        );
        if (!outcome.queued) {
          ids.push(
            await this.activities.record(tx, {
              conversationId,
              kind: 'left-message',
              actorId: null,
              reason: `Leave-a-message reply not sent: ${outcome.reason}`,
            }),
          );
        }
        return { activityIds: ids, messageId: outcome.queued ? outcome.messageId : null };
      });
      await this.announceActivities(channelId, conversationId, activityIds);
      if (messageId) {
        const message = await this.conversations.messageView(messageId);
        if (message) this.events.emit('message.created', { channelId, conversationId, message });
        this.events.emit('outbound.queued', { messageId });
      }
      await this.openTicket(channelId, conversationId, reason);
      return;
    }
    if (settings.autoTicket) {
      await this.openTicket(
        channelId,
        conversationId,
        'Auto conversion: chats of this channel become tickets',
      );
    }
  }

  /** TK2: the customer's message joins the chat's ticket, or starts a new one when that ticket is too old. */
  async onCustomerMessage(channelId: string, message: MessageView): Promise<void> {
    const conversationId = message.conversationId;
    const current = await this.tickets.ticketOfConversation(conversationId);
    // Most chats have no ticket: nothing to join or to start, and no ticket to touch (a round trip saved on
    // every callback).
    if (!current) return;
    const conversation = await this.conversations.find(conversationId);
    if (current && conversation) {
      const settings = await this.preferences.settingsFor(conversation.department_id, channelId);
      const at = this.clock.now();
      const lastActivityAt = new Date(current.lastActivityAt);
      if (startsNewTicket(settings.ticketTimer, { status: current.status, lastActivityAt }, at)) {
        const reason =
          current.status === 'closed'
            ? timerReasons.ticketTimerClosed(current.number)
            : timerReasons.ticketTimer(at.getTime() - lastActivityAt.getTime(), current.number);
        try {
          const created = await this.tickets.openForConversation(conversationId, {
            actor: null,
            reason,
            startingAtMessageId: message.id,
            onlyIfCurrentTicketId: current.id,
          });
          await this.recordTicketCreated(
            channelId,
            conversationId,
            `New ticket #${created.number}: ${lowerFirst(reason)}`,
          );
          return;
        } catch (error) {
          if (!(error instanceof TicketSuperseded)) throw error;
        }
      }
    }
    await this.tickets.noteConversationMessage(conversationId);
  }

  private async openTicket(channelId: string, conversationId: string, reason: string): Promise<void> {
    const created = await this.tickets.openForConversation(conversationId, { actor: null, reason });
    await this.recordTicketCreated(
      channelId,
      conversationId,
      `Ticket #${created.number}: ${lowerFirst(reason)}`,
    );
  }

  private async recordTicketCreated(
    channelId: string,
    conversationId: string,
    reason: string,
  ): Promise<void> {
    const id = await this.automation.transaction((tx) =>
      this.activities.record(tx, { conversationId, kind: 'ticket-created', actorId: null, reason }),
    );
    await this.announceActivities(channelId, conversationId, [id]);
  }

  private async announceActivities(channelId: string, conversationId: string, ids: string[]): Promise<void> {
    for (const id of ids) {
      const activity = await this.activities.find(id);
      if (activity) this.events.emit('conversation.activity', { channelId, conversationId, activity });
    }
  }
}

/** "Auto conversion: …" inside a sentence: "Ticket #1042: auto conversion: …". */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
