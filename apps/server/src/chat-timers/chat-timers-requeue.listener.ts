import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import { PreferencesService } from '../preferences/preferences.service.js';
import { addMinutes } from '../preferences/timer-rules.js';
import { ChatTimersRepository } from './chat-timers.repository.js';

/**
 * A chat that goes back into a queue (transferred to a department) waits afresh: it gets a new missed due
 * time from that department's rules. Until this runs (just after the transfer commits) the old due time is
 * ignored, because it predates the chat's `waiting_since`; were this process to crash in between, the chat
 * would wait without becoming missed rather than be missed at once.
 */
@Injectable()
export class ChatTimersRequeueListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly preferences: PreferencesService,
    private readonly timers: ChatTimersRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.on('conversation.transitioned', async ({ conversationId, channelId, from, to }) => {
      const requeued =
        to.status === 'waiting' && (from.status !== 'waiting' || from.departmentId !== to.departmentId);
      if (!requeued) return;
      const settings = await this.preferences.settingsFor(to.departmentId, channelId);
      await this.timers.setMissedDue(
        conversationId,
        addMinutes(this.clock.now(), settings.missedAfterMinutes),
      );
    });
  }
}
