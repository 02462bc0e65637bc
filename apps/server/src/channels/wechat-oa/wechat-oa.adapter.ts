import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { WechatApiError, WechatTransportError, type WechatErrorCategory } from '#wechat';
import type {
  ChannelAdapter,
  DeliveryOutcome,
  MediaFetchOutcome,
  MediaFetchRequest,
  OutboundDelivery,
} from '../../conversations/channel-adapter.port.js';
import { ChannelAdapterRegistry } from '../../conversations/channel-adapter.registry.js';
import { OaAccessTokens } from './oa-access-tokens.js';
import { OaChannelDirectory, type OaChannel } from './oa-channel-directory.js';
import { OaMediaSource } from './oa-media-source.js';

/** Errors the platform may clear by itself; everything else needs a person (and must not loop). */
const RETRYABLE: ReadonlySet<WechatErrorCategory> = new Set(['retryable']);

/** Sends through the Official Account customer-service API (`message/custom/send`); fetches inbound media. */
@Injectable()
export class WechatOaAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = 'wechat-oa' as const;
  private readonly logger = new Logger(WechatOaAdapter.name);

  constructor(
    private readonly registry: ChannelAdapterRegistry,
    private readonly directory: OaChannelDirectory,
    private readonly tokens: OaAccessTokens,
    private readonly media: OaMediaSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async deliver(delivery: OutboundDelivery): Promise<DeliveryOutcome> {
    const channel = await this.directory.find(delivery.channelId);
    if (!channel) return { ok: false, reason: 'The channel no longer exists', retryable: false };
    if (channel.status !== 'active')
      return { ok: false, reason: 'The channel is deactivated', retryable: false };
    try {
      await this.tokens.withToken(channel, (token) =>
        this.tokens.client.sendCustomMessage(token, {
          touser: delivery.recipient,
          msgtype: 'text',
          text: { content: delivery.content.text },
        }),
      );
      // custom/send returns no message id.
      return { ok: true, platformMessageId: null };
    } catch (error) {
      return this.failure(channel, error);
    }
  }

  fetchMedia(request: MediaFetchRequest): Promise<MediaFetchOutcome> {
    return this.media.fetch(request);
  }

  private failure(channel: OaChannel, error: unknown): DeliveryOutcome {
    if (error instanceof WechatApiError) {
      this.logger.warn(`WeChat refused a message on channel ${channel.id}: ${error.errcode} ${error.errmsg}`);
      return {
        ok: false,
        reason: `${error.description} (WeChat error ${error.errcode})`,
        retryable: RETRYABLE.has(error.category),
      };
    }
    if (error instanceof WechatTransportError) {
      // The message may have reached WeChat before the connection failed; custom/send has no idempotency key,
      // so sending it again could make the customer see it twice. Let the agent decide.
      return {
        ok: false,
        reason: `WeChat did not answer (${error.message}); the message may not have been delivered`,
        retryable: false,
      };
    }
    throw error;
  }
}
