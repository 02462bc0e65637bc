import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { toMessageView } from './conversation-views.js';
import { ConversationsRepository, type ClaimedDelivery } from './conversations.repository.js';

const LEASE_SECONDS = 60;
const SWEEP_INTERVAL_MS = 5_000;
const MAX_ATTEMPTS = 3;
const BATCH = 20;

/**
 * Delivers queued agent messages through the channel's adapter. Rows are claimed with a lease, so a crash
 * between commit and delivery is recovered by the next sweep (here or in another process).
 */
@Injectable()
export class OutboundSenderService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboundSenderService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly adapters: ChannelAdapterRegistry,
    private readonly events: DomainEvents,
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
      let claimed: ClaimedDelivery[];
      do {
        claimed = await this.conversations.claimDeliveries(BATCH, LEASE_SECONDS);
        await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      } while (claimed.length > 0 && !this.stopped);
    } while (this.again && !this.stopped);
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    let outcome;
    try {
      outcome = await this.adapters.forKind(delivery.channel_kind).deliver({
        channelId: delivery.channel_id,
        recipient: delivery.recipient,
        clientMessageId: delivery.id,
        content: { type: 'text', text: delivery.text ?? '' },
      });
    } catch (error) {
      this.logger.error(`Adapter threw while delivering ${delivery.id}: ${String(error)}`);
      outcome = { ok: false as const, reason: 'Unexpected error while sending', retryable: true };
    }
    if (outcome.ok) {
      await this.conversations.markSent(delivery.id, outcome.platformMessageId);
    } else if (outcome.retryable && delivery.attempts < MAX_ATTEMPTS) {
      await this.conversations.retryLater(delivery.id, outcome.reason, 2 ** delivery.attempts);
      return;
    } else {
      await this.conversations.markFailed(delivery.id, outcome.reason);
    }
    const message = await this.conversations.findMessage(delivery.id);
    if (message) {
      this.events.emit('message.updated', {
        channelId: delivery.channel_id,
        conversationId: delivery.conversation_id,
        message: toMessageView(message),
      });
    }
  }
}
