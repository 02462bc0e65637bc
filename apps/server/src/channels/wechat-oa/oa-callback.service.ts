import { Injectable, Logger } from '@nestjs/common';
import {
  openOaCallback,
  verifyOaUrl,
  WechatCryptoError,
  WechatSignatureError,
  WechatXmlError,
  type OaCallbackQuery,
} from '#wechat';
import { DomainError, ErrorCode, notFound } from '../../common/domain-error.js';
import { ConversationIngestService } from '../../conversations/conversation-ingest.service.js';
import { OaChannelDirectory, type OaChannel } from './oa-channel-directory.js';
import { toInboundMessage } from './oa-inbound-mapper.js';
import { passiveReplyTo } from './oa-passive-reply.js';

/** WeChat's callbacks for one Official Account channel: URL verification and message pushes (OA2–OA4). */
@Injectable()
export class OaCallbackService {
  private readonly logger = new Logger('OaCallback');

  constructor(
    private readonly directory: OaChannelDirectory,
    private readonly ingest: ConversationIngestService,
  ) {}

  async verifyUrl(channelId: string, query: OaCallbackQuery): Promise<string> {
    const channel = await this.channel(channelId);
    try {
      return verifyOaUrl(query, channel.callback);
    } catch (error) {
      throw this.refusal(channel, error);
    }
  }

  /**
   * Stores the message durably, then answers `success`, or the passive reply the channel has for it (the
   * follow auto-reply); a retry of the same push changes nothing.
   */
  async receive(channelId: string, query: OaCallbackQuery, body: string): Promise<string> {
    const channel = await this.channel(channelId);
    if (channel.status !== 'active') {
      throw new DomainError(
        ErrorCode.ChannelInactive,
        'This channel is deactivated and does not receive messages',
      );
    }
    let opened;
    try {
      opened = openOaCallback(query, body, channel.callback);
    } catch (error) {
      throw this.refusal(channel, error);
    }
    await this.ingest.ingest(toInboundMessage(channel, opened.message), channel.departmentId);
    return passiveReplyTo(channel, opened.message, query) ?? 'success';
  }

  private async channel(channelId: string): Promise<OaChannel> {
    const channel = /^[0-9a-f-]{36}$/i.test(channelId) ? await this.directory.find(channelId) : null;
    // A deleted channel is gone for WeChat too: its URL answers 404 to pushes and to URL verification.
    if (!channel || channel.deleted) throw notFound('Channel');
    return channel;
  }

  private refusal(channel: OaChannel, error: unknown): Error {
    if (error instanceof WechatSignatureError) {
      this.logger.warn(`Refused a callback for channel ${channel.id}: bad signature`);
      return new DomainError(ErrorCode.InvalidSignature, 'The signature does not match this channel’s Token');
    }
    if (error instanceof WechatCryptoError) {
      this.logger.warn(`Refused a callback for channel ${channel.id}: ${error.message}`);
      return new DomainError(
        ErrorCode.InvalidSignature,
        `The encrypted message could not be opened: ${error.message}`,
      );
    }
    if (error instanceof WechatXmlError) {
      return new DomainError(
        ErrorCode.InvalidCallback,
        `The message is not valid WeChat XML: ${error.message}`,
      );
    }
    return error as Error;
  }
}
