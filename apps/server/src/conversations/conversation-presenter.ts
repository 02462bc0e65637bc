import { Injectable } from '@nestjs/common';
import type { AttachmentRule, ConversationView } from '#contracts';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { replyInputsOf, toConversationView, type ConversationRow } from './conversation-views.js';
import { replyWindow } from './conversation-window.js';

/**
 * Turns conversation rows into views, with the reply window computed against the channel's own rules and the
 * channel's attachment rules (both asked of its adapter once per channel and call).
 */
@Injectable()
export class ConversationPresenter {
  constructor(private readonly adapters: ChannelAdapterRegistry) {}

  async view(row: ConversationRow, now = new Date()): Promise<ConversationView> {
    const [view] = await this.views([row], now);
    return view;
  }

  async views(rows: ConversationRow[], now = new Date()): Promise<ConversationView[]> {
    const allowed = new Map<string, Promise<number>>();
    const attachments = new Map<string, Promise<AttachmentRule[]>>();
    for (const row of rows) {
      if (allowed.has(row.channel_id)) continue;
      const adapter = this.adapters.forKind(row.channel_kind);
      allowed.set(row.channel_id, this.messagesAllowed(row));
      attachments.set(row.channel_id, adapter.attachmentRules(row.channel_id));
    }
    return Promise.all(
      rows.map(async (row) =>
        toConversationView(
          row,
          replyWindow(replyInputsOf(row, await allowed.get(row.channel_id)!), now),
          await attachments.get(row.channel_id)!,
        ),
      ),
    );
  }

  private async messagesAllowed(row: ConversationRow): Promise<number> {
    const rules = await this.adapters.forKind(row.channel_kind).replyRules(row.channel_id);
    return rules.messagesPerCustomerMessage;
  }
}
