import { Inject, Injectable } from '@nestjs/common';
import type { ChannelMenuView, ChannelView } from '#contracts';
import { maskSecret } from '../common/secret-box.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { OaChannelRecord } from './channels.repository.js';
import { OaChannelDirectory } from './wechat-oa/oa-channel-directory.js';

/** Channel records as the API shows them: secrets masked to their last four characters at most (CH3). */
@Injectable()
export class ChannelViews {
  constructor(
    private readonly directory: OaChannelDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  view(record: OaChannelRecord, agentIds: string[], iconFingerprint: string | null): ChannelView {
    const { channel, config } = record;
    const secrets = this.directory.openSecrets(record);
    const problems = channel.departmentId
      ? []
      : ['Choose a department: chats on this channel have nowhere to go'];
    return {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      departmentId: channel.departmentId,
      status: channel.status,
      health: channel.health,
      healthReason: channel.healthReason,
      healthCheckedAt: channel.healthCheckedAt?.toISOString() ?? null,
      deletedAt: channel.deletedAt?.toISOString() ?? null,
      fullyConfigured: problems.length === 0,
      problems,
      callbackUrl: `${this.config.publicUrl}/callbacks/wechat-oa/${channel.id}`,
      iconUrl: iconFingerprint ? `/api/channels/${channel.id}/icon?v=${iconFingerprint.slice(0, 16)}` : null,
      config: {
        appId: config.appId,
        originalId: config.originalId,
        encryptionMode: config.encryptionMode,
        messagesPerCustomerMessage: config.messagesPerCustomerMessage,
        tokenMode: config.tokenMode,
        outsideMainlandChina: config.outsideMainlandChina,
        followReply: { enabled: config.followReplyEnabled, text: config.followReplyText },
        talkToAgentKey: config.talkToAgentKey,
        appSecret: maskSecret(secrets.appSecret) ?? '',
        token: maskSecret(secrets.token) ?? '',
        encodingAesKey: maskSecret(secrets.encodingAesKey),
      },
      agentIds,
      createdAt: channel.createdAt.toISOString(),
    };
  }

  menu(record: OaChannelRecord): ChannelMenuView {
    const { menu, menuUpdatedAt, menuPublishedAt, talkToAgentKey } = record.config;
    return {
      buttons: menu ?? [],
      talkToAgentKey,
      updatedAt: menuUpdatedAt?.toISOString() ?? null,
      publishedAt: menuPublishedAt?.toISOString() ?? null,
      upToDate:
        menuPublishedAt !== null &&
        (menuUpdatedAt === null || menuPublishedAt.getTime() >= menuUpdatedAt.getTime()),
    };
  }
}
