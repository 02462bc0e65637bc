import { Injectable } from '@nestjs/common';
import type { MessageView, ReplyLockReason } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import type { AuthUser } from '../identity/auth-user.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { previewOf, toMessageView, type ConversationRow } from './conversation-views.js';
import { replyWindow } from './conversation-window.js';
import { ConversationsRepository, type SendContext } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';

/** Max UTF-8 bytes of one text message; WeChat refuses longer ones with 45002. */
export const MAX_TEXT_BYTES = 2048;

const REFUSAL: Record<ReplyLockReason, ErrorCode> = {
  'channel-deleted': ErrorCode.ChannelDeleted,
  'channel-inactive': ErrorCode.ChannelInactive,
  'conversation-closed': ErrorCode.ConversationClosed,
  unfollowed: ErrorCode.CustomerUnfollowed,
  'no-customer-message': ErrorCode.WindowClosed,
  'window-expired': ErrorCode.WindowClosed,
  'budget-used': ErrorCode.MessageBudgetUsed,
};

/**
 * The outbound path: policy first (refused with a clear error, nothing stored), then a `queued` row, then
 * commit, then the sender delivers it. An agent may retry a failed or unconfirmed message, under the same
 * policy (CV6).
 */
@Injectable()
export class SendMessageService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly reader: ConversationsService,
    private readonly presenter: ConversationPresenter,
    private readonly adapters: ChannelAdapterRegistry,
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
    // Read before the transaction: the adapter may query, and the embedded database has one session.
    const allowed = await this.messagesAllowed(visible);
    const messageId = await this.conversations.transaction(async (tx) => {
      const context = await this.conversations.lockForSend(tx, conversationId);
      if (!context) throw notFound('Conversation');
      this.assertMaySend(context, allowed);
      return this.conversations.insertOutbound(tx, {
        conversationId,
        channelId: context.channelId,
        agentId: user.id,
        text: content,
        preview: previewOf('text', content),
      });
    });
    return this.announceQueued(visible.channel_id, conversationId, messageId, 'message.created');
  }

  /** Sends a failed or unconfirmed message again, if the conversation still accepts a reply. */
  async retry(user: AuthUser, conversationId: string, messageId: string): Promise<MessageView> {
    const visible = await this.reader.visibleConversation(user, conversationId);
    const allowed = await this.messagesAllowed(visible);
    await this.conversations.transaction(async (tx) => {
      const context = await this.conversations.lockForSend(tx, conversationId, messageId);
      if (!context) throw notFound('Conversation');
      const message = await this.conversations.findOutboundForRetry(tx, messageId);
      if (!message || message.conversation_id !== conversationId || message.direction !== 'outbound') {
        throw notFound('Message');
      }
      if (message.delivery_state !== 'failed' && message.delivery_state !== 'unconfirmed') {
        throw new DomainError(
          ErrorCode.Conflict,
          message.delivery_state === 'sent'
            ? 'This message was delivered: there is nothing to retry'
            : 'This message is still being sent',
        );
      }
      this.assertMaySend(context, allowed);
      await this.conversations.requeueForRetry(tx, messageId, conversationId);
    });
    return this.announceQueued(visible.channel_id, conversationId, messageId, 'message.updated');
  }

  private async messagesAllowed(conversation: ConversationRow): Promise<number> {
    const rules = await this.adapters.forKind(conversation.channel_kind).replyRules(conversation.channel_id);
    return rules.messagesPerCustomerMessage;
  }

  private assertMaySend(context: SendContext, messagesAllowed: number): void {
    const { lock } = replyWindow({ ...context.reply, messagesAllowed }, new Date());
    if (lock) throw new DomainError(REFUSAL[lock.reason], lock.message, { lock: lock.reason });
  }

  private async announceQueued(
    channelId: string,
    conversationId: string,
    messageId: string,
    event: 'message.created' | 'message.updated',
  ): Promise<MessageView> {
    const [message, conversation] = await Promise.all([
      this.conversations.findMessage(messageId),
      this.conversations.findConversation(conversationId),
    ]);
    const view = toMessageView(message!);
    this.events.emit(event, { channelId, conversationId, message: view });
    if (conversation) {
      this.events.emit('conversation.updated', {
        channelId,
        conversation: await this.presenter.view(conversation),
      });
    }
    this.events.emit('outbound.queued', { messageId });
    return view;
  }
}
