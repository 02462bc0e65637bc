import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  isEncrypted,
  oaDedupeKey,
  openOaCallback,
  toOaMessage,
  verifyOaUrl,
  WechatCryptoError,
  WechatError,
  WechatSignatureError,
  WechatXmlError,
  type OaCallbackQuery,
  type OaInboundMessage,
} from '#wechat';
import { DomainError, ErrorCode, notFound } from '../../common/domain-error.js';
import { ConversationIngestService } from '../../conversations/conversation-ingest.service.js';
import type { CallbackLogRow } from '../callback-log/callback-log.repository.js';
import { CallbackRecorder, type VerifiedCallback } from '../callback-log/callback-recorder.js';
import { CallbackReplayers, type CallbackReplayer } from '../callback-log/callback-replayers.js';
import { OaChannelDirectory, type OaChannel } from './oa-channel-directory.js';
import { toInboundMessage } from './oa-inbound-mapper.js';
import { passiveReplyTo } from './oa-passive-reply.js';

/** What the flight recorder keeps of a push: WeChat's fields and the query, minus signatures and ciphertext. */
interface RecordedOaPush {
  query: Record<string, string>;
  fields: Record<string, unknown>;
}

const KEPT_QUERY = ['timestamp', 'nonce', 'openid', 'encrypt_type'] as const;

/**
 * WeChat's callbacks for one Official Account channel: URL verification and message pushes (OA2–OA4), each
 * push written to the flight recorder (BX1) with its verdict and result.
 */
@Injectable()
export class OaCallbackService implements CallbackReplayer, OnModuleInit {
  readonly kind = 'wechat-oa' as const;
  private readonly logger = new Logger('OaCallback');

  constructor(
    private readonly directory: OaChannelDirectory,
    private readonly ingest: ConversationIngestService,
    private readonly recorder: CallbackRecorder,
    private readonly replayers: CallbackReplayers,
  ) {}

  onModuleInit(): void {
    this.replayers.register(this);
  }

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
    const encrypted = isEncrypted(query);
    const bodyBytes = Buffer.byteLength(body, 'utf8');
    if (channel.status !== 'active') {
      const refusal = new DomainError(
        ErrorCode.ChannelInactive,
        'This channel is deactivated and does not receive messages',
      );
      await this.recorder.refused({ channelId, reason: refusal.message, body, bodyBytes, encrypted });
      throw refusal;
    }
    let message: OaInboundMessage;
    try {
      message = openOaCallback(query, body, channel.callback).message;
    } catch (error) {
      const refusal = this.refusal(channel, error);
      if (refusal instanceof DomainError) {
        await this.recorder.refused({ channelId, reason: refusal.message, body, bodyBytes, encrypted });
      }
      throw refusal;
    }
    const stored = await this.store(channel, message, {
      query: keptQuery(query),
      encrypted,
      bodyBytes,
      reingestOf: null,
    });
    // A blocked contact gets no auto-reply either (CV4).
    if (stored.heldByBlock) return 'success';
    return passiveReplyTo(channel, message, query) ?? 'success';
  }

  /** Re-ingest from the flight recorder: the verified fields, through the same mapping and ingest. */
  async reingest(entry: CallbackLogRow): Promise<string> {
    const channel = await this.directory.find(entry.channel_id);
    if (!channel) throw notFound('Channel');
    const recorded = entry.payload as unknown as RecordedOaPush;
    let message: OaInboundMessage;
    try {
      message = toOaMessage(recorded.fields);
    } catch (error) {
      throw new DomainError(
        ErrorCode.CannotReingest,
        `The recorded push cannot be read: ${(error as Error).message}`,
      );
    }
    const meta = {
      query: recorded.query ?? {},
      encrypted: entry.encrypted,
      bodyBytes: entry.body_bytes,
      reingestOf: entry.id,
    };
    try {
      return (await this.store(channel, message, meta)).entryId;
    } catch (error) {
      // A second failure is an entry of its own: show it rather than an error page.
      if (error instanceof StoreFailed && error.entryId) return error.entryId;
      throw error;
    }
  }

  private async store(
    channel: OaChannel,
    message: OaInboundMessage,
    meta: { query: Record<string, string>; encrypted: boolean; bodyBytes: number; reingestOf: string | null },
  ): Promise<{ entryId: string; heldByBlock: boolean }> {
    const callback: VerifiedCallback = {
      channelId: channel.id,
      messageType: message.type === 'unsupported' ? message.msgType : message.type,
      eventType: message.type === 'event' ? message.event : null,
      platformMessageId: oaDedupeKey(message),
      encrypted: meta.encrypted,
      bodyBytes: meta.bodyBytes,
      payload: { query: meta.query, fields: withoutCiphertext(message.raw) } satisfies RecordedOaPush,
      reingestOf: meta.reingestOf,
    };
    let entryId: string | null = null;
    let heldByBlock: boolean;
    try {
      const ingested = await this.ingest.ingest(toInboundMessage(channel, message), channel.departmentId, {
        record: async (result, tx) => {
          entryId = await this.recorder.ingested(callback, result, tx);
        },
      });
      heldByBlock = !ingested.duplicate && ingested.heldByBlock;
    } catch (error) {
      this.logger.error(`Could not store a push for channel ${channel.id}: ${String(error)}`);
      throw new StoreFailed(await this.recorder.failed(callback, error), error);
    }
    return { entryId: entryId!, heldByBlock };
  }

  private async channel(channelId: string): Promise<OaChannel> {
    const channel = /^[0-9a-f-]{36}$/i.test(channelId) ? await this.directory.find(channelId) : null;
    // A deleted channel is gone for WeChat too: its URL answers 404 to pushes and to URL verification.
    if (!channel || channel.deleted) throw notFound('Channel');
    return channel;
  }

  private refusal(channel: OaChannel, error: unknown): Error {
    if (error instanceof WechatSignatureError) {
      this.logger.warn(`Refused a callback for channel ${channel.id}: ${error.message}`);
      return new DomainError(
        ErrorCode.InvalidSignature,
        `The signature does not match this channel’s Token (${error.message})`,
      );
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
    if (error instanceof WechatError) {
      return new DomainError(ErrorCode.InvalidCallback, `The callback was refused: ${error.message}`);
    }
    return error as Error;
  }
}

/** Storing failed on our side: the platform is answered with a 500 and delivers again. */
class StoreFailed extends Error {
  constructor(
    readonly entryId: string | null,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'StoreFailed';
  }
}

function keptQuery(query: OaCallbackQuery): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_QUERY) {
    const value = query[name];
    if (typeof value === 'string') kept[name] = value.slice(0, 64);
  }
  return kept;
}

function withoutCiphertext(fields: Record<string, unknown>): Record<string, unknown> {
  const { Encrypt: _ciphertext, ...rest } = fields;
  return rest;
}
