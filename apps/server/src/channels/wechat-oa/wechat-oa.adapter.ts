import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  AccessTokenProvider,
  OaApiClient,
  WechatApiError,
  WechatTransportError,
  type WechatErrorCategory,
} from '#wechat';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import type {
  ChannelAdapter,
  DeliveryOutcome,
  OutboundDelivery,
} from '../../conversations/channel-adapter.port.js';
import { ChannelAdapterRegistry } from '../../conversations/channel-adapter.registry.js';
import { AccessTokenRepository } from '../access-token.repository.js';
import { OaChannelDirectory, type OaChannel } from './oa-channel-directory.js';

/** Errors the platform may clear by itself; everything else needs a person (and must not loop). */
const RETRYABLE: ReadonlySet<WechatErrorCategory> = new Set(['retryable']);

/** Sends through the Official Account customer-service API (`message/custom/send`). */
@Injectable()
export class WechatOaAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = 'wechat-oa' as const;
  private readonly logger = new Logger(WechatOaAdapter.name);
  private readonly client: OaApiClient;
  private readonly tokens = new Map<string, { appSecret: string; provider: AccessTokenProvider }>();

  constructor(
    private readonly registry: ChannelAdapterRegistry,
    private readonly directory: OaChannelDirectory,
    private readonly tokenStore: AccessTokenRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.client = new OaApiClient({ baseUrl: config.wechatApiBase });
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async deliver(delivery: OutboundDelivery): Promise<DeliveryOutcome> {
    const channel = await this.directory.find(delivery.channelId);
    if (!channel) return { ok: false, reason: 'The channel no longer exists', retryable: false };
    if (channel.status !== 'active')
      return { ok: false, reason: 'The channel is deactivated', retryable: false };
    try {
      await this.tokenProvider(channel).withToken((token) =>
        this.client.sendCustomMessage(token, {
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

  private tokenProvider(channel: OaChannel): AccessTokenProvider {
    const existing = this.tokens.get(channel.id);
    if (existing && existing.appSecret === channel.appSecret) return existing.provider;
    const provider = new AccessTokenProvider({
      key: `wechat-oa:${channel.appId}`,
      store: this.tokenStore,
      fetchToken: () => this.client.getAccessToken({ appId: channel.appId, appSecret: channel.appSecret }),
    });
    this.tokens.set(channel.id, { appSecret: channel.appSecret, provider });
    return provider;
  }
}
