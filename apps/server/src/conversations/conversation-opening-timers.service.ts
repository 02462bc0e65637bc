import { Injectable } from '@nestjs/common';
import type { SqlExecutor } from '../database/sql.js';
import { Clock } from '../common/clock.js';
import { PreferencesService } from '../preferences/preferences.service.js';
import { addMinutes } from '../preferences/timer-rules.js';
import { ConversationAutomationRepository } from './conversation-automation.repository.js';

/**
 * A chat that opens gets its timers in the ingest's transaction (PF4): when it becomes missed, and a copy of
 * the idle rule of its department and channel. Two statements, only when a conversation opens: a message
 * into an open conversation (the common case) costs nothing more.
 */
@Injectable()
export class ConversationOpeningTimers {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly automation: ConversationAutomationRepository,
    private readonly clock: Clock,
  ) {}

  async start(
    tx: SqlExecutor,
    conversationId: string,
    departmentId: string | null,
    channelId: string,
  ): Promise<void> {
    const settings = await this.preferences.settingsFor(departmentId, channelId, tx);
    const idle = settings.idleClose;
    await this.automation.setOpeningTimers(tx, conversationId, {
      missedDueAt: addMinutes(this.clock.now(), settings.missedAfterMinutes),
      idleCloseAfterMinutes: idle.enabled ? idle.afterMinutes : null,
      idleWarnBeforeMinutes: idle.enabled ? idle.warnBeforeMinutes : 0,
    });
  }
}
