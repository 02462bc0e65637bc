import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { defaultFilename } from '../media/media-content-type.js';
import { MAX_INBOUND_MEDIA_BYTES } from '../media/media-kind.js';
import { MediaRepository, type ClaimedMediaFetch } from '../media/media.repository.js';
import { MediaService } from '../media/media.service.js';
import { formatBytes, MediaTooLarge } from '../media/measured-stream.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import type { MediaFetchOutcome } from './channel-adapter.port.js';
import { toMessageView } from './conversation-views.js';
import { ConversationsRepository } from './conversations.repository.js';

/** Long enough for a 50 MB download on a slow link; a process that dies leaves the file to the next claim after it. */
const LEASE_SECONDS = 10 * 60;
const SWEEP_INTERVAL_MS = 5_000;
/** Downloads at once per process: big files should not starve the callback path of memory or sockets. */
const BATCH = 4;
/** With the backoff below, about 2½ hours of trying (WeChat keeps temporary media for 3 days). */
const MAX_ATTEMPTS = 15;
const backoffSeconds = (attempts: number) => Math.min(2 ** attempts, 30 * 60);

const TOO_LARGE = `The file is larger than ${formatBytes(MAX_INBOUND_MEDIA_BYTES)}, the most we accept`;

/**
 * Completes inbound messages with their files: claims pending media rows (so it survives restarts and runs
 * in several processes at once), fetches each through the channel's adapter, stores it, and tells agents
 * (`message.updated`). Failures the platform may clear are retried with backoff; others fail with a reason.
 */
@Injectable()
export class InboundMediaFetcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InboundMediaFetcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly files: MediaRepository,
    private readonly media: MediaService,
    private readonly conversations: ConversationsRepository,
    private readonly adapters: ChannelAdapterRegistry,
    private readonly events: DomainEvents,
  ) {
    this.events.on('media.pending', () => void this.kick());
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

  /** Starts a sweep, or asks the running one to go round once more. Resolves when nothing is due. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.sweep()
      .catch((error: unknown) => this.logger.error(`Media sweep failed: ${String(error)}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async sweep(): Promise<void> {
    do {
      this.again = false;
      let claimed: ClaimedMediaFetch[];
      do {
        claimed = await this.files.claimDueFetches(BATCH, LEASE_SECONDS);
        await Promise.all(claimed.map((file) => this.fetch(file)));
      } while (claimed.length > 0 && !this.stopped);
    } while (this.again && !this.stopped);
  }

  private async fetch(file: ClaimedMediaFetch): Promise<void> {
    let outcome: MediaFetchOutcome;
    try {
      outcome = await this.adapters.forKind(file.channel_kind).fetchMedia({
        channelId: file.channel_id,
        platformMediaId: file.platform_media_id,
        kind: file.kind,
      });
    } catch (error) {
      this.logger.error(`Adapter threw while fetching media ${file.id}: ${String(error)}`);
      outcome = { ok: false, reason: 'Unexpected error while fetching the file', retryable: true };
    }
    if (!outcome.ok) {
      await this.failOrRetry(file, outcome.reason, outcome.retryable);
    } else if (outcome.declaredBytes !== null && outcome.declaredBytes > MAX_INBOUND_MEDIA_BYTES) {
      outcome.body.destroy();
      await this.files.markFailed(file.id, TOO_LARGE);
    } else {
      await this.store(file, outcome);
    }
    await this.announce(file);
  }

  private async store(
    file: ClaimedMediaFetch,
    fetched: Extract<MediaFetchOutcome, { ok: true }>,
  ): Promise<void> {
    try {
      const stored = await this.media.writeObject(
        file.id,
        fetched.body,
        MAX_INBOUND_MEDIA_BYTES,
        fetched.contentType,
      );
      const marked = await this.files.markReady(file.id, {
        ...stored,
        // A download needs a name: the platform's, else one from the kind and the sniffed type ("video.mp4").
        filename: file.filename ?? fetched.filename ?? defaultFilename(file.kind, stored.contentType),
      });
      if (!marked) this.logger.warn(`Media ${file.id} was completed by another attempt`);
    } catch (error) {
      fetched.body.destroy();
      if (error instanceof MediaTooLarge) {
        await this.files.markFailed(file.id, TOO_LARGE);
        return;
      }
      await this.failOrRetry(file, `The download was interrupted: ${(error as Error).message}`, true);
    }
  }

  private async failOrRetry(file: ClaimedMediaFetch, reason: string, retryable: boolean): Promise<void> {
    if (retryable && file.attempts < MAX_ATTEMPTS) {
      await this.files.scheduleRetry(file.id, reason, backoffSeconds(file.attempts));
      return;
    }
    const final = retryable ? `${reason} (gave up after ${file.attempts} attempts)` : reason;
    this.logger.warn(`Media ${file.id} could not be fetched: ${final}`);
    await this.files.markFailed(file.id, final);
  }

  /** Agents who have the conversation open see the image appear (or why it did not). */
  private async announce(file: ClaimedMediaFetch): Promise<void> {
    if (!file.message_id) return;
    const message = await this.conversations.findMessage(file.message_id);
    if (!message?.conversation_id) return;
    this.events.emit('message.updated', {
      channelId: message.channel_id,
      conversationId: message.conversation_id,
      message: toMessageView(message),
    });
  }
}
