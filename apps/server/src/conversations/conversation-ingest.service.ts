import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/domain-events.js';
import { MediaRepository, type PendingInboundMedia } from '../media/media.repository.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { toMessageView } from './conversation-views.js';
import { ConversationTransitionsService } from './conversation-transitions.service.js';
import { ConversationsRepository, type StaleClosed } from './conversations.repository.js';
import type { InboundMessage } from './inbound-message.js';
import { REPLY_WINDOW_MS } from './conversation-window.js';
import { mapContentMedia, previewOfContent, textOf } from './message-content.js';

export type IngestResult =
  | {
      duplicate: false;
      messageId: string;
      contactId: string;
      /** Null for an event kept against the contact (no conversation was open). */
      conversationId: string | null;
      conversationOpened: boolean;
      /** The contact is blocked: stored, but no chat, no announcement (CV4). */
      heldByBlock: boolean;
      /** CV2: the open conversation this message found 48 hours silent, closed by it. */
      staleClosed?: StaleClosed | null;
    }
  | {
      duplicate: true;
      /** The message stored by the earlier delivery. */
      messageId: string | null;
      conversationId: string | null;
    };

export interface IngestOptions {
  /**
   * Runs inside the ingest transaction once the message is in (so what it writes commits or rolls back
   * with the message), or after the rollback, without a transaction, when the message was a duplicate.
   * The callback flight recorder writes its entry here.
   */
  record?(result: IngestResult, tx: EntityManager | null): Promise<void>;
}

/** The ingest found the platform id already stored; rolls back what the attempt opened. */
class DuplicateMessage extends Error {}

/** Events of the last 48 hours join the conversation a contact opens next (the reply window's length). */
const ATTACH_EVENTS_WITHIN_SECONDS = REPLY_WINDOW_MS / 1000;
/** CV2: after 48 hours of silence a customer's message starts a new conversation. */
const STALE_AFTER_SECONDS = REPLY_WINDOW_MS / 1000;
const STALE_REASON = 'Closed after 48 hours of silence: the customer wrote again, in a new conversation';

/**
 * The inbound path after the adapter has verified and parsed a callback: one transaction {contact,
 * conversation, message, its media to fetch, the caller's record}, then commit, then tell agents and
 * start the media downloads. A retry of the same platform id changes nothing (OA4).
 */
@Injectable()
export class ConversationIngestService {
  private readonly logger = new Logger(ConversationIngestService.name);

  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly media: MediaRepository,
    private readonly events: DomainEvents,
    private readonly presenter: ConversationPresenter,
    private readonly profiles: ContactProfileService,
    private readonly transitions: ConversationTransitionsService,
  ) {}

  async ingest(
    inbound: InboundMessage,
    departmentId: string | null,
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const files: PendingInboundMedia[] = [];
    const content = mapContentMedia(inbound.content, (media) => {
      const file: PendingInboundMedia = {
        id: randomUUID(),
        kind: media.kind,
        platformMediaId: media.platformMediaId,
        filename: media.filename ?? null,
      };
      files.push(file);
      return { mediaId: file.id };
    });

    let result: IngestResult;
    try {
      result = await this.conversations.transaction(async (tx) => {
        const contactId = await this.conversations.upsertContact(tx, {
          channelId: inbound.channelId,
          ...inbound.sender,
        });
        const inserted = await this.conversations.insertInbound(tx, {
          channelId: inbound.channelId,
          contactId,
          departmentId,
          platformMessageId: inbound.platformMessageId,
          type: content.type,
          text: textOf(content),
          content,
          payload: inbound.payload,
          preview: previewOfContent(content, files[0]?.filename),
          sentAt: inbound.sentAt,
          opensConversation: inbound.opensConversation,
          replyWindowEffect: inbound.replyWindowEffect,
          attachEventsWithinSeconds: ATTACH_EVENTS_WITHIN_SECONDS,
          staleAfterSeconds: STALE_AFTER_SECONDS,
          staleReason: STALE_REASON,
        });
        if (!inserted) throw new DuplicateMessage();
        if (inbound.opensConversation && !inserted.conversationId && !inserted.heldByBlock) {
          // Only possible if something other than ingest opened a conversation for this contact meanwhile:
          // fail, so that the platform delivers again, rather than keep a customer message out of sight.
          throw new Error(
            'A conversation was opened concurrently for this contact; the delivery will be retried',
          );
        }
        await this.media.insertPendingInbound(tx, inbound.channelId, inserted.messageId, files);
        const stored: IngestResult = { duplicate: false, contactId, ...inserted };
        await options.record?.(stored, tx);
        return stored;
      });
    } catch (error) {
      if (!(error instanceof DuplicateMessage) && !isUniqueViolation(error)) throw error;
      const earlier = await this.conversations.findByPlatformId(inbound.channelId, inbound.platformMessageId);
      result = {
        duplicate: true,
        messageId: earlier?.id ?? null,
        conversationId: earlier?.conversation_id ?? null,
      };
      await options.record?.(result, null);
    }

    if (!result.duplicate) {
      if (result.conversationId) {
        void this.announce(
          inbound.channelId,
          result.conversationId,
          result.messageId,
          // An unfollow changes no order in the inbox, but it locks the conversation's reply window.
          inbound.opensConversation || inbound.replyWindowEffect !== 'unchanged',
        );
      }
      if (result.staleClosed)
        void this.announceStaleClosed(inbound.channelId, result.contactId, result.staleClosed);
      if (result.conversationOpened && result.conversationId) {
        this.events.emit('conversation.opened', {
          conversationId: result.conversationId,
          channelId: inbound.channelId,
          departmentId,
        });
      }
      if (files.length > 0) this.events.emit('media.pending', { count: files.length });
      // In the background: the callback's answer never waits for the platform's profile API (OA7).
      void this.profiles.refreshSoon(result.contactId);
    }
    return result;
  }

  /** After commit: the callback's answer never waits for agents' sockets. */
  private async announce(
    channelId: string,
    conversationId: string,
    messageId: string,
    conversationChanged: boolean,
  ): Promise<void> {
    try {
      const [conversation, message] = await Promise.all([
        conversationChanged ? this.conversations.findConversation(conversationId) : null,
        this.conversations.findMessage(messageId),
      ]);
      if (conversation)
        this.events.emit('conversation.updated', {
          channelId,
          conversation: await this.presenter.view(conversation),
        });
      if (message)
        this.events.emit('message.created', { channelId, conversationId, message: toMessageView(message) });
    } catch (error) {
      this.logger.error(`Could not announce message ${messageId}: ${String(error)}`);
    }
  }

  private async announceStaleClosed(channelId: string, contactId: string, stale: StaleClosed): Promise<void> {
    const from = { status: stale.status, assigneeId: stale.assigneeId, departmentId: stale.departmentId };
    await this.transitions.announce({
      conversationId: stale.conversationId,
      channelId,
      contactId,
      kind: 'close',
      from,
      to: { ...from, status: 'closed' },
      activityId: stale.activityId,
      activityKind: 'closed',
    });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}
