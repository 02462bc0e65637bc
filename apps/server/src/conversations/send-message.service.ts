import { Injectable } from '@nestjs/common';
import type { MessageView } from '#contracts';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import type { AuthUser } from '../identity/auth-user.js';
import { DEFAULT_MESSAGES_PER_CUSTOMER_MESSAGE, replyWindow } from './conversation-window.js';
import { previewOf, toConversationView, toMessageView } from './conversation-views.js';
import { ConversationsRepository, type SendContext } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';

/** Max UTF-8 bytes of one text message; WeChat refuses longer ones with 45002. */
export const MAX_TEXT_BYTES = 2048;

/**
 * The outbound path: policy first (refused with a clear error, nothing stored), then a `queued` row, then
 * commit, then the sender delivers it.
 */
@Injectable()
export class SendMessageService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly reader: ConversationsService,
    private readonly events: DomainEvents,
  ) {}

  async sendText(user: AuthUser, conversationId: string, text: string): Promise<MessageView> {
    const content = text.trim();
    if (!content) throw new DomainError(ErrorCode.ValidationFailed, 'The message is empty');
    if (Buffer.byteLength(content, 'utf8') > MAX_TEXT_BYTES) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `The message is too long: WeChat accepts at most ${MAX_TEXT_BYTES} bytes (about 680 Chinese characters)`,
      );
    }
    const visible = await this.reader.visibleConversation(user, conversationId);
    const messageId = await this.conversations.transaction(async (tx) => {
      const context = await this.conversations.lockForSend(tx, conversationId);
      if (!context) throw new DomainError(ErrorCode.NotFound, 'Conversation not found');
      this.assertMaySend(context, new Date());
      return this.conversations.insertOutbound(tx, {
        conversationId,
        channelId: context.channelId,
        agentId: user.id,
        text: content,
        preview: previewOf('text', content),
      });
    });

    const [message, conversation] = await Promise.all([
      this.conversations.findMessage(messageId),
      this.conversations.findConversation(conversationId),
    ]);
    const view = toMessageView(message!);
    this.events.emit('message.created', { channelId: visible.channel_id, conversationId, message: view });
    if (conversation) {
      this.events.emit('conversation.updated', {
        channelId: visible.channel_id,
        conversation: toConversationView(conversation),
      });
    }
    this.events.emit('outbound.queued', { messageId });
    return view;
  }

  private assertMaySend(context: SendContext, now: Date): void {
    if (context.channelStatus !== 'active') {
      throw new DomainError(ErrorCode.ChannelInactive, 'This channel is deactivated: replies cannot be sent');
    }
    if (context.conversationStatus === 'closed') {
      throw new DomainError(ErrorCode.ConversationClosed, 'This conversation is closed');
    }
    const window = replyWindow(
      {
        lastCustomerMessageAt: context.lastCustomerMessageAt,
        sentSinceCustomerMessage: context.sentSinceCustomerMessage,
        budget: DEFAULT_MESSAGES_PER_CUSTOMER_MESSAGE,
      },
      now,
    );
    if (window.open) return;
    switch (window.reason) {
      case 'no-customer-message':
        throw new DomainError(
          ErrorCode.WindowClosed,
          'WeChat only allows replies after the customer has written',
        );
      case 'window-closed':
        throw new DomainError(
          ErrorCode.WindowClosed,
          'More than 48 hours have passed since the customer last wrote: WeChat allows no reply until they write again',
        );
      case 'budget-used':
        throw new DomainError(
          ErrorCode.MessageBudgetUsed,
          `You have sent ${DEFAULT_MESSAGES_PER_CUSTOMER_MESSAGE} messages since the customer last wrote: WeChat allows no more until they write again`,
        );
    }
  }
}
