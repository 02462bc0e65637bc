import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttachmentKind, MessageView } from '#contracts';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import type { AuthUser } from '../identity/auth-user.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { MediaRepository } from '../media/media.repository.js';
import { ConversationPresenter } from './conversation-presenter.js';
import {
  ConversationTransitionsService,
  type AppliedTransition,
} from './conversation-transitions.service.js';
import { previewOf, toMessageView, type ConversationRow } from './conversation-views.js';
import { previewOfContent, type StoredContent } from './message-content.js';
import { replyWindow } from './conversation-window.js';
import { ConversationsRepository, type SendContext } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';
import { sendRefusal } from './send-refusal.js';

/** Max UTF-8 bytes of one text message; WeChat refuses longer ones with 45002. */
export const MAX_TEXT_BYTES = 2048;

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
    private readonly media: MediaRepository,
    private readonly clock: Clock,
    private readonly transitions: ConversationTransitionsService,
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
    const { messageId, taken } = await this.conversations.transaction(async (tx) => {
      const context = await this.conversations.lockForSend(tx, conversationId);
      if (!context) throw notFound('Conversation');
      this.assertMaySend(context, allowed);
      const taken = await this.takeIfUnassigned(tx, context, user);
      const messageId = await this.conversations.insertOutbound(tx, {
        conversationId,
        channelId: context.channelId,
        agentId: user.id,
        type: 'text',
        text: content,
        content: null,
        preview: previewOf('text', content),
        at: this.clock.now(),
      });
      return { messageId, taken };
    });
    if (taken) await this.transitions.announce(taken);
    return this.announceQueued(visible.channel_id, conversationId, messageId, 'message.created');
  }

  /**
   * Sends a file the agent uploaded for this conversation's channel (`AttachmentUploadService`) as the kind it
   * was uploaded as. The same policy and the same budget as text: every message counts, whatever it carries.
   */
  async sendAttachment(
    user: AuthUser,
    conversationId: string,
    kind: AttachmentKind,
    mediaId: string,
  ): Promise<MessageView> {
    const visible = await this.reader.visibleConversation(user, conversationId);
    const upload = await this.media.find(mediaId);
    if (!upload || upload.channel_id !== visible.channel_id || upload.direction !== 'outbound') {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'No such uploaded file for this conversation: upload it first (POST …/attachments)',
      );
    }
    if (upload.kind !== kind) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `This file was uploaded as ${upload.kind === 'image' ? 'an' : 'a'} ${upload.kind}, not as ${kind === 'image' ? 'an' : 'a'} ${kind}: send it as ${upload.kind}`,
      );
    }
    if (upload.message_id !== null) {
      throw new DomainError(
        ErrorCode.Conflict,
        'This file was already sent; attach it again to send it again',
      );
    }
    const allowed = await this.messagesAllowed(visible);
    const content = attachmentContent(kind, mediaId);
    const { messageId, taken } = await this.conversations.transaction(async (tx) => {
      const context = await this.conversations.lockForSend(tx, conversationId);
      if (!context) throw notFound('Conversation');
      this.assertMaySend(context, allowed);
      const taken = await this.takeIfUnassigned(tx, context, user);
      const id = await this.conversations.insertOutbound(tx, {
        conversationId,
        channelId: context.channelId,
        agentId: user.id,
        type: kind,
        text: null,
        content,
        preview: previewOfContent(content, upload.filename),
        at: this.clock.now(),
      });
      // One file, one message: a second send of the same upload (a double click) finds it taken.
      if (!(await this.media.attachUpload(tx, { mediaId, channelId: context.channelId, kind }, id))) {
        throw new DomainError(
          ErrorCode.Conflict,
          'This file was already sent; attach it again to send it again',
        );
      }
      return { messageId: id, taken };
    });
    if (taken) await this.transitions.announce(taken);
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
      await this.conversations.requeueForRetry(tx, messageId, conversationId, this.clock.now());
    });
    return this.announceQueued(visible.channel_id, conversationId, messageId, 'message.updated');
  }

  /** Replying to a chat nobody has yet takes it: the same `pick` as the Take button, in the activity too. */
  private async takeIfUnassigned(
    tx: EntityManager,
    context: SendContext,
    user: AuthUser,
  ): Promise<AppliedTransition | null> {
    const status = context.reply.conversationStatus;
    if ((status !== 'waiting' && status !== 'missed') || context.assigneeId) return null;
    return this.transitions.apply(
      tx,
      context.conversationId,
      { kind: 'pick' },
      { kind: 'agent', userId: user.id },
    );
  }

  private async messagesAllowed(conversation: ConversationRow): Promise<number> {
    const rules = await this.adapters.forKind(conversation.channel_kind).replyRules(conversation.channel_id);
    return rules.messagesPerCustomerMessage;
  }

  private assertMaySend(context: SendContext, messagesAllowed: number): void {
    const { lock } = replyWindow({ ...context.reply, messagesAllowed }, this.clock.now());
    if (lock) throw sendRefusal(lock);
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

function attachmentContent(kind: AttachmentKind, mediaId: string): StoredContent {
  const media = { mediaId };
  switch (kind) {
    case 'image':
      return { type: 'image', image: media };
    case 'voice':
      return { type: 'voice', audio: media, recognition: null };
    case 'video':
      return { type: 'video', video: media, thumbnail: null };
    case 'file':
      return { type: 'file', file: media };
  }
}
