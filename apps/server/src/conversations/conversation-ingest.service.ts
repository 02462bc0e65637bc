import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { toConversationView, toMessageView, previewOf } from './conversation-views.js';
import { ConversationsRepository, type IngestResult } from './conversations.repository.js';
import type { InboundMessage } from './inbound-message.js';

/** The inbound path after the adapter has verified and parsed a callback: store first, then tell agents. */
@Injectable()
export class ConversationIngestService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly events: DomainEvents,
  ) {}

  async ingest(inbound: InboundMessage, departmentId: string | null): Promise<IngestResult> {
    const result = await this.conversations.ingest(
      inbound,
      departmentId,
      previewOf(inbound.type, inbound.text),
    );
    if (!result.duplicate && result.stored)
      void this.announce(inbound.channelId, result.conversationId, result.messageId);
    return result;
  }

  /** After commit: the callback's answer never waits for agents' sockets. */
  private async announce(channelId: string, conversationId: string, messageId: string): Promise<void> {
    const [conversation, message] = await Promise.all([
      this.conversations.findConversation(conversationId),
      this.conversations.findMessage(messageId),
    ]);
    if (conversation)
      this.events.emit('conversation.updated', { channelId, conversation: toConversationView(conversation) });
    if (message)
      this.events.emit('message.created', { channelId, conversationId, message: toMessageView(message) });
  }
}
