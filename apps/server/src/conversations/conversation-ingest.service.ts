import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { toMessageView, previewOf } from './conversation-views.js';
import { ConversationsRepository, type IngestResult } from './conversations.repository.js';
import type { InboundMessage } from './inbound-message.js';

/** The inbound path after the adapter has verified and parsed a callback: store first, then tell agents. */
@Injectable()
export class ConversationIngestService {
  private readonly logger = new Logger(ConversationIngestService.name);

  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly events: DomainEvents,
    private readonly presenter: ConversationPresenter,
    private readonly profiles: ContactProfileService,
  ) {}

  async ingest(inbound: InboundMessage, departmentId: string | null): Promise<IngestResult> {
    const result = await this.conversations.ingest(
      inbound,
      departmentId,
      previewOf(inbound.type, inbound.text),
    );
    if (!result.duplicate && result.stored) {
      this.announce(inbound.channelId, result.conversationId, result.messageId).catch((error: unknown) =>
        this.logger.error(`Could not announce message ${result.messageId}: ${String(error)}`),
      );
      // In the background: the callback's answer never waits for the platform's profile API (OA7).
      void this.profiles.refreshSoon(result.contactId);
    }
    return result;
  }

  /** After commit: the callback's answer never waits for agents' sockets. */
  private async announce(channelId: string, conversationId: string, messageId: string): Promise<void> {
    const [conversation, message] = await Promise.all([
      this.conversations.findConversation(conversationId),
      this.conversations.findMessage(messageId),
    ]);
    if (conversation)
      this.events.emit('conversation.updated', {
        channelId,
        conversation: await this.presenter.view(conversation),
      });
    if (message)
      this.events.emit('message.created', { channelId, conversationId, message: toMessageView(message) });
  }
}
