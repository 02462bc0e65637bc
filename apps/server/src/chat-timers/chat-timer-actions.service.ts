import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import { ConversationActivityRepository } from '../conversations/conversation-activity.repository.js';
import {
  ConversationTransitionsService,
  type AppliedTransition,
} from '../conversations/conversation-transitions.service.js';
import { SystemMessagesService } from '../conversations/system-messages.service.js';
import { PreferencesService } from '../preferences/preferences.service.js';
import { addMinutes, timerReasons } from '../preferences/timer-rules.js';
import { ChatTimersRepository, type DueConversation, type TimerKind } from './chat-timers.repository.js';

/** What a fired timer has to announce once its transaction has committed. */
export interface FiredTimer {
  channelId: string;
  conversationId: string;
  transition: AppliedTransition | null;
  activityIds: string[];
  outboundMessageId: string | null;
}

/**
 * What each timer does, inside the one transaction that claimed it (see ChatTimersSweeper): the state
 * change through ConversationTransitionsService, the activity with its reason, the next due time, and an
 * idle chat's closing message. All of it commits together or not at all.
 */
@Injectable()
export class ChatTimerActions {
  constructor(
    private readonly timers: ChatTimersRepository,
    private readonly transitions: ConversationTransitionsService,
    private readonly activities: ConversationActivityRepository,
    private readonly preferences: PreferencesService,
    private readonly systemMessages: SystemMessagesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async fire(
    tx: EntityManager,
    kind: TimerKind,
    due: DueConversation,
    context: { messagesAllowed: number },
  ): Promise<FiredTimer> {
    const fired: FiredTimer = {
      channelId: due.channel_id,
      conversationId: due.id,
      transition: null,
      activityIds: [],
      outboundMessageId: null,
    };
    const now = this.clock.now();
    const settings = await this.preferences.settingsFor(due.department_id, due.channel_id, tx);
    switch (kind) {
      case 'missed': {
        fired.transition = await this.transitions.apply(
          tx,
          due.id,
          { kind: 'miss' },
          {
            kind: 'system',
            reason: timerReasons.missed(settings.missedAfterMinutes),
          },
        );
        const close = settings.missedClose;
        await this.timers.setMissedCloseDue(
          tx,
          due.id,
          close.enabled ? addMinutes(now, close.afterMinutes) : null,
        );
        return fired;
      }
      case 'missed-close':
        fired.transition = await this.transitions.apply(
          tx,
          due.id,
          { kind: 'close' },
          {
            kind: 'system',
            reason: timerReasons.missedClosed(settings.missedClose.afterMinutes),
          },
        );
        return fired;
      case 'idle-warning': {
        const after = due.idle_close_after_minutes!;
        fired.activityIds.push(
          await this.activities.record(tx, {
            conversationId: due.id,
            kind: 'idle-warning',
            actorId: null,
            reason: timerReasons.idleWarning(after, due.idle_warn_before_minutes),
          }),
        );
        await this.timers.markIdleWarned(tx, due.id, due.last_message_at);
        return fired;
      }
      case 'idle-close': {
        const after = due.idle_close_after_minutes!;
        const goodbye = settings.idleClose.closingMessage;
        if (goodbye) {
          // Queued before the close: the window is judged on the open conversation, as for an agent's reply.
          const outcome = await this.systemMessages.queueInTransaction(
            tx,
            due.id,
            goodbye,
            context.messagesAllowed,
          );
          if (outcome.queued) fired.outboundMessageId = outcome.messageId;
          else {
            fired.activityIds.push(
              await this.activities.record(tx, {
                conversationId: due.id,
                kind: 'closing-message-skipped',
                actorId: null,
                reason: `Closing message not sent: ${outcome.reason}`,
              }),
            );
          }
        }
        fired.transition = await this.transitions.apply(
          tx,
          due.id,
          { kind: 'close' },
          {
            kind: 'system',
            reason: timerReasons.idleClosed(after),
          },
        );
        return fired;
      }
    }
  }

  /** After commit; never throws (what fired is committed whatever happens to the announcement). */
  async announce(fired: FiredTimer): Promise<void> {
    if (fired.transition) await this.transitions.announce(fired.transition);
    for (const id of fired.activityIds) {
      const activity = await this.activities.find(id).catch(() => null);
      if (activity) {
        this.events.emit('conversation.activity', {
          channelId: fired.channelId,
          conversationId: fired.conversationId,
          activity,
        });
      }
    }
    if (fired.outboundMessageId) this.events.emit('outbound.queued', { messageId: fired.outboundMessageId });
  }
}
