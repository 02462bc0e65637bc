import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { previewOf } from './conversation-views.js';
import { replyWindow } from './conversation-window.js';
import { ConversationAutomationRepository } from './conversation-automation.repository.js';
import { ConversationsRepository } from './conversations.repository.js';

export type SystemMessageOutcome =
  | { queued: true; messageId: string }
  /** `reason`: the reply window's words, for the activity ("skipped: the 48-hour window has closed"). */
  | { queued: false; reason: string };

/**
 * Messages the desk sends by itself (the leave-a-message reply, an idle chat's closing message) take the
 * agents' send path: the same reply window and budget decide (OA6), the row is queued in the caller's
 * transaction and the outbound sender delivers it after commit, recovering it after a crash.
 */
@Injectable()
export class SystemMessagesService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly automation: ConversationAutomationRepository,
    private readonly adapters: ChannelAdapterRegistry,
    private readonly clock: Clock,
  ) {}

  /** Read before the transaction: an adapter may query, and the embedded database has one session. */
  async messagesAllowed(channelId: string): Promise<number> {
    const row = await this.conversations.channelKind(channelId);
    if (!row) return 0;
    return (await this.adapters.forKind(row.kind).replyRules(channelId)).messagesPerCustomerMessage;
  }

  async queueInTransaction(
    tx: EntityManager,
    conversationId: string,
    text: string,
    messagesAllowed: number,
  ): Promise<SystemMessageOutcome> {
    const context = await this.conversations.lockForSend(tx, conversationId);
    if (!context) return { queued: false, reason: 'the conversation no longer exists' };
    const now = this.clock.now();
    const { lock } = replyWindow({ ...context.reply, messagesAllowed }, now);
    if (lock) return { queued: false, reason: lock.message };
    const messageId = await this.automation.insertSystemOutbound(tx, {
      conversationId,
      channelId: context.channelId,
      text,
      preview: previewOf('text', text),
      at: now,
    });
    return { queued: true, messageId };
  }
}
