import { Injectable } from '@nestjs/common';
import type { OaTokenMode } from '#contracts';
import type { OaChannelSecrets } from '#wechat';
import { SecretBox } from '../../common/secret-box.js';
import { ChannelsRepository, type OaChannelRecord } from '../channels.repository.js';

export interface OaSecrets {
  appSecret: string;
  token: string;
  encodingAesKey: string | null;
}

/** An Official Account channel with its secrets opened, as the callback path and the adapter need it. */
export interface OaChannel {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  /** Deleted channels neither receive nor send; their conversations stay, read-only. */
  deleted: boolean;
  departmentId: string | null;
  appId: string;
  originalId: string;
  appSecret: string;
  messagesPerCustomerMessage: number;
  tokenMode: OaTokenMode;
  callback: OaChannelSecrets;
  /** The passive reply to a new follower (OA9); null when the follow auto-reply is off. */
  followReplyText: string | null;
  /** A CLICK with this menu key asks for an agent and opens a conversation (OA9). */
  talkToAgentKey: string;
}

// A burst of callbacks does not read and decrypt the channel row each time. Changes are announced to every
// process at once (ChannelChangeFeed); this lifetime only bounds the delay if such a notice is missed.
const CACHE_MS = 5_000;

@Injectable()
export class OaChannelDirectory {
  private readonly cache = new Map<string, { at: number; channel: OaChannel | null }>();

  constructor(
    private readonly channels: ChannelsRepository,
    private readonly secretBox: SecretBox,
  ) {}

  async find(channelId: string): Promise<OaChannel | null> {
    const cached = this.cache.get(channelId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.channel;
    const record = await this.channels.findOaChannel(channelId);
    const channel = record ? this.toChannel(record) : null;
    this.cache.set(channelId, { at: Date.now(), channel });
    return channel;
  }

  forget(channelId: string): void {
    this.cache.delete(channelId);
  }

  forgetAll(): void {
    this.cache.clear();
  }

  openSecrets(record: OaChannelRecord): OaSecrets {
    return this.secretBox.openJson<OaSecrets>(record.config.secretsSealed, record.channel.id);
  }

  private toChannel(record: OaChannelRecord): OaChannel {
    const secrets = this.openSecrets(record);
    return {
      id: record.channel.id,
      name: record.channel.name,
      status: record.channel.status,
      deleted: record.channel.deletedAt !== null,
      departmentId: record.channel.departmentId,
      appId: record.config.appId,
      originalId: record.config.originalId,
      appSecret: secrets.appSecret,
      messagesPerCustomerMessage: record.config.messagesPerCustomerMessage,
      tokenMode: record.config.tokenMode,
      callback: {
        token: secrets.token,
        appId: record.config.appId,
        encodingAesKey: secrets.encodingAesKey,
        encryptionMode: record.config.encryptionMode,
      },
      followReplyText:
        record.config.followReplyEnabled && record.config.followReplyText.trim()
          ? record.config.followReplyText
          : null,
      talkToAgentKey: record.config.talkToAgentKey,
    };
  }
}
