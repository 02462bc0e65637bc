import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { MediaRepository } from '../media/media.repository.js';
import { MediaService } from '../media/media.service.js';
import type { DeliveryOutcome, OutboundContent, OutboundFile } from './channel-adapter.port.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { toMessageView } from './conversation-views.js';
import { ConversationsRepository } from './conversations.repository.js';
import { attachmentOf } from './message-content.js';
import { OutboxRepository, type ClaimedDelivery } from './outbox.repository.js';

/**
 * Longer than any attempt can take: a token refresh waits ≤ 30 s, a file upload ≤ 30 s (a video's cover
 * ≤ 5 s more), custom/send ≤ 5 s — and once more each when WeChat forgot an uploaded file.
 */
const LEASE_SECONDS = 120;
const SWEEP_INTERVAL_MS = 5_000;
/** Attempts for failures that provably did not reach the platform; then the agent decides. */
export const MAX_ATTEMPTS = 5;
const BATCH = 20;

const INTERRUPTED =
  'The server stopped while sending this message, so WeChat may or may not have it. Check with the customer before sending it again.';

/** 2, 4, 8, 16 s between attempts. */
export function retryDelaySeconds(attempt: number): number {
  return 2 ** Math.min(attempt, 6);
}

/**
 * Delivers queued agent messages through the channel's adapter. Rows are claimed with a lease, so a crash
 * between commit and delivery is recovered by the next sweep (here or in another process); a crash during
 * an attempt is recognised and shown as unconfirmed rather than sent twice (NF3).
 */
@Injectable()
export class OutboundSenderService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboundSenderService.name);
  private timer: NodeJS.Timeout | null = null;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly conversations: ConversationsRepository,
    private readonly presenter: ConversationPresenter,
    private readonly adapters: ChannelAdapterRegistry,
    private readonly events: DomainEvents,
    private readonly files: MediaRepository,
    private readonly media: MediaService,
  ) {
    this.events.on('outbound.queued', () => void this.kick());
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.kick(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    void this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    await this.running;
  }

  /** Starts a sweep, or asks the running one to go round once more. Resolves when the queue is drained. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.sweep()
      .catch((error: unknown) => this.logger.error(`Outbound sweep failed: ${String(error)}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async sweep(): Promise<void> {
    do {
      this.again = false;
      await this.recoverInterrupted();
      let claimed: ClaimedDelivery[];
      do {
        claimed = await this.outbox.claim(BATCH, LEASE_SECONDS);
        await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      } while (claimed.length > 0 && !this.stopped);
    } while (this.again && !this.stopped);
  }

  private async recoverInterrupted(): Promise<void> {
    for (const message of await this.outbox.markInterrupted(INTERRUPTED)) {
      this.logger.warn(`Message ${message.id} was interrupted mid-send; marked unconfirmed`);
      await this.announce(message.channel_id, message.conversation_id, message.id, false);
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const refused = await this.refusedBeforeSending(delivery);
    if (refused) {
      await this.outbox.markFailed(delivery, refused);
      await this.announce(delivery.channel_id, delivery.conversation_id, delivery.id, true);
      return;
    }
    const content = await this.contentOf(delivery);
    if (typeof content === 'string') {
      await this.outbox.markFailed(delivery, content);
      await this.announce(delivery.channel_id, delivery.conversation_id, delivery.id, true);
      return;
    }
    const outcome = await this.attempt(delivery, content);
    if (outcome.ok) {
      await this.outbox.markSent(delivery.id, outcome.platformMessageId);
      await this.announce(delivery.channel_id, delivery.conversation_id, delivery.id, false);
      return;
    }
    switch (outcome.failure) {
      case 'retryable':
        if (delivery.attempts < MAX_ATTEMPTS) {
          const delay = retryDelaySeconds(delivery.attempts);
          await this.outbox.retryLater(delivery, `${outcome.reason} Trying again…`, delay);
          await this.announce(delivery.channel_id, delivery.conversation_id, delivery.id, false);
          this.kickAfter(delay);
          return;
        }
        await this.outbox.markFailed(
          delivery,
          `${outcome.reason} Gave up after ${delivery.attempts} attempts; retry when WeChat is reachable again.`,
        );
        break;
      case 'uncertain':
        await this.outbox.markUnconfirmed(delivery, outcome.reason);
        break;
      case 'rejected':
        await this.outbox.markFailed(delivery, outcome.reason);
        break;
      case 'locked':
        await this.outbox.failAndLock(delivery, outcome.reason, outcome.lock);
        break;
    }
    await this.announce(delivery.channel_id, delivery.conversation_id, delivery.id, true);
  }

  /** What changed since the message was queued and makes sending pointless: the platform would refuse. */
  private async refusedBeforeSending(delivery: ClaimedDelivery): Promise<string | null> {
    if (
      delivery.channel_deleted_at === null &&
      delivery.channel_status === 'active' &&
      !delivery.reply_lock
    ) {
      return null;
    }
    const row = await this.conversations.findConversation(delivery.conversation_id);
    const lock = row ? (await this.presenter.view(row)).replyWindow.lock : null;
    return `Not sent: ${lock?.message ?? 'this conversation no longer accepts replies.'}`;
  }

  /** What the adapter sends: the text, or the message's file (with the platform's id from an earlier attempt). */
  private async contentOf(delivery: ClaimedDelivery): Promise<OutboundContent | string> {
    const attachment = delivery.content ? attachmentOf(delivery.content) : null;
    if (!attachment) return { type: 'text', text: delivery.text ?? '' };
    const row = await this.files.find(attachment.mediaId);
    if (!row || row.state !== 'ready' || !row.content_type || row.bytes === null) {
      return 'Not sent: the file of this message is no longer stored. Attach it again.';
    }
    const file: OutboundFile = {
      id: row.id,
      contentType: row.content_type,
      bytes: row.bytes,
      filename: row.filename ?? row.id,
      read: async () => (await this.media.readAll(row.id)).data,
      platformUpload:
        row.platform_media_id && row.platform_media_expires_at
          ? { platformMediaId: row.platform_media_id, expiresAt: new Date(row.platform_media_expires_at) }
          : null,
      rememberUpload: (upload) =>
        this.files.rememberPlatformUpload(row.id, upload.platformMediaId, upload.expiresAt),
    };
    return { type: attachment.kind, file };
  }

  private async attempt(delivery: ClaimedDelivery, content: OutboundContent): Promise<DeliveryOutcome> {
    try {
      return await this.adapters.forKind(delivery.channel_kind).deliver({
        channelId: delivery.channel_id,
        recipient: delivery.recipient,
        clientMessageId: delivery.id,
        content,
      });
    } catch (error) {
      // Adapters classify every platform answer; what reaches here is our own failure before any request.
      this.logger.error(`Adapter threw while delivering ${delivery.id}: ${String(error)}`);
      return { ok: false, failure: 'retryable', reason: 'Unexpected error while sending.' };
    }
  }

  /** A little after the lease ends by the database's clock, so the claim finds it free. */
  private kickAfter(seconds: number): void {
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        void this.kick();
      },
      seconds * 1000 + 250,
    );
    timer.unref();
    this.retryTimers.add(timer);
  }

  /** After the write: the message's new state, and the conversation when its budget or lock changed. */
  private async announce(
    channelId: string,
    conversationId: string,
    messageId: string,
    conversationChanged: boolean,
  ): Promise<void> {
    const message = await this.conversations.findMessage(messageId);
    if (message)
      this.events.emit('message.updated', { channelId, conversationId, message: toMessageView(message) });
    if (!conversationChanged) return;
    const row = await this.conversations.findConversation(conversationId);
    if (row)
      this.events.emit('conversation.updated', { channelId, conversation: await this.presenter.view(row) });
  }
}
