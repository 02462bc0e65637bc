import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import type { SqlExecutor } from '../database/sql.js';
import type { PendingInboundMedia } from '../media/media.repository.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ConversationOpeningTimers } from './conversation-opening-timers.service.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { toMessageView } from './conversation-views.js';
import type { ConversationRow, MessageRow } from './conversation-views.js';
import { InboundGroupCommit, type IngestResult } from './inbound-group-commit.js';
import { ConversationTransitionsService } from './conversation-transitions.service.js';
import type { StaleClosed } from './conversations.repository.js';
import type { InboundMessage } from './inbound-message.js';
import { REPLY_WINDOW_MS } from './conversation-window.js';
import { mapContentMedia, previewOfContent, textOf } from './message-content.js';

export type { IngestResult } from './inbound-group-commit.js';

export interface IngestOptions {
  /**
   * Runs inside the ingest transaction once the message is in (so what it writes commits or rolls back
   * with the message), or after the rollback, without a transaction, when the message was a duplicate.
   * The callback flight recorder writes its entry here. It must issue its statements before awaiting
   * anything: the batch's COMMIT goes out right after them (see InboundGroupCommit).
   */
  record?(result: IngestResult, tx: SqlExecutor | null): Promise<void>;
}

/** Events of the last 48 hours join the conversation a contact opens next (the reply window's length). */
const ATTACH_EVENTS_WITHIN_SECONDS = REPLY_WINDOW_MS / 1000;
/** CV2: after 48 hours of silence a customer's message starts a new conversation. */
const STALE_AFTER_SECONDS = REPLY_WINDOW_MS / 1000;
const STALE_REASON = 'Closed after 48 hours of silence: the customer wrote again, in a new conversation';

/**
 * The inbound path after the adapter has verified and parsed a callback: one transaction {contact,
 * conversation, message, its media to fetch, the caller's record} — shared with the callbacks that arrive
 * meanwhile (InboundGroupCommit) — then commit, then tell agents and start the media downloads. A retry of
 * the same platform id changes nothing (OA4).
 */
@Injectable()
export class ConversationIngestService {
  private readonly logger = new Logger(ConversationIngestService.name);

  constructor(
    private readonly groupCommit: InboundGroupCommit,
    private readonly events: DomainEvents,
    private readonly presenter: ConversationPresenter,
    private readonly profiles: ContactProfileService,
    private readonly transitions: ConversationTransitionsService,
    private readonly openingTimers: ConversationOpeningTimers,
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

    const outcome = await this.groupCommit.submit({
      channelId: inbound.channelId,
      platformMessageId: inbound.platformMessageId,
      sender: inbound.sender,
      opensConversation: inbound.opensConversation,
      // An unfollow changes no order in the inbox, but it locks the conversation's reply window.
      changesConversation: inbound.opensConversation || inbound.replyWindowEffect !== 'unchanged',
      files,
      row: (contactId) => ({
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
      }),
      record: options.record,
      opened: (tx, conversationId) =>
        this.openingTimers.start(tx, conversationId, departmentId, inbound.channelId),
    });
    const result = outcome.result;

    if (!result.duplicate) {
      if (result.conversationId) {
        void this.announce(inbound.channelId, result.conversationId, outcome.conversation, outcome.message);
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

  /**
   * After commit, from the rows the batch read in its transaction (no read back): the callback's answer
   * never waits for agents' sockets.
   */
  private async announce(
    channelId: string,
    conversationId: string,
    conversation: ConversationRow | null,
    message: MessageRow | null,
  ): Promise<void> {
    try {
      if (conversation)
        this.events.emit('conversation.updated', {
          channelId,
          conversation: await this.presenter.view(conversation),
        });
      if (message)
        this.events.emit('message.created', { channelId, conversationId, message: toMessageView(message) });
    } catch (error) {
      this.logger.error(`Could not announce message ${message?.id ?? '?'}: ${String(error)}`);
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
