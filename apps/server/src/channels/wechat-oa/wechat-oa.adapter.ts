import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AttachmentRule } from '#contracts';
import type { OaCustomMessage } from '#wechat';
import type {
  ChannelAdapter,
  ContactProfile,
  DeliveryOutcome,
  MediaFetchOutcome,
  MediaFetchRequest,
  OutboundContent,
  OutboundDelivery,
  ReplyRules,
} from '../../conversations/channel-adapter.port.js';
import { ChannelAdapterRegistry } from '../../conversations/channel-adapter.registry.js';
import { DEFAULT_MESSAGES_PER_CUSTOMER_MESSAGE } from '../../conversations/conversation-window.js';
import { ChannelHealthService } from '../channel-health.service.js';
import { OaAccessTokens } from './oa-access-tokens.js';
import { OA_ATTACHMENT_RULES } from './oa-attachment-rules.js';
import { OaChannelDirectory, type OaChannel } from './oa-channel-directory.js';
import { describeOaConfigurationProblem, isTokenEndpointError } from './oa-configuration-problem.js';
import { OaMediaSource } from './oa-media-source.js';
import { isUnknownMediaId, OaOutboundMedia } from './oa-outbound-media.js';
import { classifyOaSendFailure } from './oa-send-failure.js';

/**
 * Sends through the Official Account customer-service API (`message/custom/send`, `custom/typing`,
 * `user/info`), uploading agents' files to `media/upload` first; fetches inbound media.
 */
@Injectable()
export class WechatOaAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = 'wechat-oa' as const;
  private readonly logger = new Logger(WechatOaAdapter.name);

  constructor(
    private readonly registry: ChannelAdapterRegistry,
    private readonly directory: OaChannelDirectory,
    private readonly tokens: OaAccessTokens,
    private readonly health: ChannelHealthService,
    private readonly media: OaMediaSource,
    private readonly outboundMedia: OaOutboundMedia,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async replyRules(channelId: string): Promise<ReplyRules> {
    const channel = await this.directory.find(channelId);
    return {
      messagesPerCustomerMessage:
        channel?.messagesPerCustomerMessage ?? DEFAULT_MESSAGES_PER_CUSTOMER_MESSAGE,
    };
  }

  attachmentRules(): Promise<AttachmentRule[]> {
    return Promise.resolve(OA_ATTACHMENT_RULES);
  }

  async deliver(delivery: OutboundDelivery): Promise<DeliveryOutcome> {
    const channel = await this.directory.find(delivery.channelId);
    if (!channel || channel.deleted) {
      return { ok: false, failure: 'rejected', reason: 'The channel was deleted: the message was not sent.' };
    }
    if (channel.status !== 'active') {
      return {
        ok: false,
        failure: 'rejected',
        reason: 'The channel is deactivated: the message was not sent.',
      };
    }
    try {
      await this.send(channel, delivery.recipient, delivery.content);
    } catch (error) {
      return this.failure(channel, delivery.recipient, error);
    }
    await this.health.markHealthy(channel.id);
    // custom/send returns no message id.
    return { ok: true, platformMessageId: null };
  }

  private async send(channel: OaChannel, recipient: string, content: OutboundContent): Promise<void> {
    if (content.type === 'text') {
      await this.customSend(channel, { touser: recipient, msgtype: 'text', text: { content: content.text } });
      return;
    }
    const prepared = await this.outboundMedia.customMessage(
      channel,
      recipient,
      content.type,
      content.file,
      false,
    );
    try {
      await this.customSend(channel, prepared.message);
    } catch (error) {
      // WeChat forgot an id we had kept (expired early, or the channel's AppID changed): upload again, once.
      // custom/send refused it, so nothing reached the customer.
      if (!prepared.reused || !isUnknownMediaId(error)) throw error;
      const fresh = await this.outboundMedia.customMessage(
        channel,
        recipient,
        content.type,
        content.file,
        true,
      );
      await this.customSend(channel, fresh.message);
    }
  }

  private async customSend(channel: OaChannel, message: OaCustomMessage): Promise<void> {
    await this.tokens.withToken(channel, (token) => this.tokens.client.sendCustomMessage(token, message));
  }

  async sendTyping(target: { channelId: string; recipient: string }): Promise<void> {
    const channel = await this.directory.find(target.channelId);
    if (!channel || channel.deleted || channel.status !== 'active') return;
    await this.tokens.withToken(channel, (token) =>
      this.tokens.client.sendTyping(token, target.recipient, 'Typing'),
    );
  }

  /** `user/info`: nickname and avatar only where WeChat still returns them (most accounts: empty since 2021). */
  async fetchProfile(target: { channelId: string; platformUserId: string }): Promise<ContactProfile | null> {
    const channel = await this.directory.find(target.channelId);
    if (!channel || channel.deleted) return null;
    const info = await this.tokens.withToken(channel, (token) =>
      this.tokens.client.getUserInfo(token, target.platformUserId),
    );
    // An unfollowed user's name is gone, but the UnionID still says who they are.
    if (!info.subscribed)
      return info.unionId ? { displayName: null, avatarUrl: null, unionId: info.unionId } : null;
    return {
      displayName: info.nickname ?? null,
      avatarUrl: info.headImgUrl ?? null,
      unionId: info.unionId ?? null,
    };
  }

  private async failure(channel: OaChannel, recipient: string, error: unknown): Promise<DeliveryOutcome> {
    const failure = classifyOaSendFailure(error);
    switch (failure.kind) {
      case 'retryable':
      case 'uncertain':
      case 'rejected':
        this.logger.warn(`Message on channel ${channel.id} not sent (${failure.kind}): ${failure.reason}`);
        return { ok: false, failure: failure.kind, reason: failure.reason };
      case 'blocked':
        return { ok: false, failure: 'rejected', reason: `Not sent: ${failure.reason}` };
      case 'configuration': {
        const { message } = describeOaConfigurationProblem(failure.error);
        // Token-endpoint errors were recorded where they happened; this covers custom/send's own (48001…).
        if (!isTokenEndpointError(failure.error)) await this.health.markMisconfigured(channel.id, message);
        return { ok: false, failure: 'rejected', reason: `Not sent: ${message}` };
      }
      case 'quota-used':
        return { ok: false, failure: 'locked', lock: 'budget-used', reason: failure.reason };
      case 'unfollowed':
        return { ok: false, failure: 'locked', lock: 'unfollowed', reason: failure.reason };
      case 'window-closed':
        // 45015 means "48 hours over" or "unfollowed"; user/info tells which, so the lock says the right one.
        return (await this.hasUnfollowed(channel, recipient))
          ? {
              ok: false,
              failure: 'locked',
              lock: 'unfollowed',
              reason: 'WeChat refused: the customer has unfollowed the account (WeChat error 45015)',
            }
          : { ok: false, failure: 'locked', lock: 'window-expired', reason: failure.reason };
    }
  }

  fetchMedia(request: MediaFetchRequest): Promise<MediaFetchOutcome> {
    return this.media.fetch(request);
  }

  private async hasUnfollowed(channel: OaChannel, openId: string): Promise<boolean> {
    try {
      const info = await this.tokens.withToken(channel, (token) =>
        this.tokens.client.getUserInfo(token, openId),
      );
      return !info.subscribed;
    } catch {
      return false;
    }
  }
}
