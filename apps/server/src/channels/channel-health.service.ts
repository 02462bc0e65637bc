import { Injectable, Logger } from '@nestjs/common';
import { ChannelsRepository } from './channels.repository.js';

/** After a configuration error, calls for the channel are refused here for this long instead of repeated. */
export const CONFIGURATION_BLOCK_MS = 60_000;

/**
 * The channel's health as admins see it (OA8): a configuration error (IP whitelist, secret, permission)
 * marks the channel unhealthy with the reason, and a later success marks it healthy again.
 *
 * It also keeps such errors from looping: for a minute after one, this process refuses the channel's
 * platform calls with the same reason instead of asking WeChat again (a token fetch per queued message
 * would otherwise hammer `cgi-bin/token`). A successful "Verify installation" lifts it at once.
 */
@Injectable()
export class ChannelHealthService {
  private readonly logger = new Logger(ChannelHealthService.name);
  private readonly blocked = new Map<string, { until: number; reason: string }>();

  constructor(private readonly channels: ChannelsRepository) {}

  /** The reason calls for this channel are refused right now, or null. */
  blockedReason(channelId: string, now = Date.now()): string | null {
    const block = this.blocked.get(channelId);
    if (!block) return null;
    if (block.until > now) return block.reason;
    this.blocked.delete(channelId);
    return null;
  }

  /** A configuration error: unhealthy with the reason, and this process stops asking for a while. */
  async markMisconfigured(channelId: string, reason: string): Promise<void> {
    this.blocked.set(channelId, { until: Date.now() + CONFIGURATION_BLOCK_MS, reason });
    this.logger.warn(`Channel ${channelId} is misconfigured: ${reason}`);
    await this.channels.recordHealth(channelId, 'unhealthy', reason);
  }

  /** Unhealthy for a reason that may clear by itself (WeChat unreachable): recorded, not blocked. */
  async markUnhealthy(channelId: string, reason: string): Promise<void> {
    await this.channels.recordHealth(channelId, 'unhealthy', reason);
  }

  /** A success: healthy again (a no-op in the database when it already was). */
  async markHealthy(channelId: string): Promise<void> {
    this.blocked.delete(channelId);
    if (await this.channels.recordHealthyIfNot(channelId)) {
      this.logger.log(`Channel ${channelId} is healthy again`);
    }
  }

  /** "Verify installation" passed: healthy, checked now. */
  async markVerified(channelId: string): Promise<void> {
    this.blocked.delete(channelId);
    await this.channels.recordHealth(channelId, 'ok', null);
  }
}
