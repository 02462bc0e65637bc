import { Inject, Injectable } from '@nestjs/common';
import type { ChannelView, CreateChannelRequest } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { SecretBox, maskSecret } from '../common/secret-box.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import { ChannelsRepository, type OaChannelRecord } from './channels.repository.js';
import { OaChannelDirectory, type OaSecrets } from './wechat-oa/oa-channel-directory.js';

@Injectable()
export class ChannelsService {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly identity: IdentityRepository,
    private readonly access: AccessScopeService,
    private readonly secretBox: SecretBox,
    private readonly directory: OaChannelDirectory,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(request: CreateChannelRequest): Promise<ChannelView> {
    const { config } = request;
    if (config.encryptionMode !== 'plaintext' && !config.encodingAesKey) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `The ${config.encryptionMode} encryption mode needs the EncodingAESKey`,
      );
    }
    const departmentId = request.departmentId ?? null;
    if (departmentId && !(await this.channels.departmentExists(departmentId))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'The department does not exist');
    }
    const secrets: OaSecrets = {
      appSecret: config.appSecret,
      token: config.token,
      encodingAesKey: config.encodingAesKey ?? null,
    };
    const record = await this.channels.insertOaChannel(
      { name: request.name.trim(), departmentId },
      {
        appId: config.appId,
        originalId: config.originalId,
        encryptionMode: config.encryptionMode,
        messagesPerCustomerMessage: 5,
        tokenMode: 'token',
      },
      (channelId) => this.secretBox.sealJson(secrets, channelId),
    );
    return this.view(record, []);
  }

  async list(user: AuthUser): Promise<ChannelView[]> {
    const scope = await this.access.channelScope(user);
    const channels = await this.channels.listChannels();
    const visible = channels.filter((c) => scope.all || scope.channelIds.includes(c.id));
    return Promise.all(visible.map((c) => this.get(user, c.id)));
  }

  async get(user: AuthUser, id: string): Promise<ChannelView> {
    if (!(await this.access.canSeeChannel(user, id))) throw notFound('Channel');
    const record = await this.channels.findOaChannel(id);
    if (!record) throw notFound('Channel');
    return this.view(record, await this.identity.agentIdsOfChannel(id));
  }

  async setAgents(user: AuthUser, channelId: string, agentIds: string[]): Promise<ChannelView> {
    if (!(await this.channels.findChannel(channelId))) throw notFound('Channel');
    const unique = [...new Set(agentIds)];
    const users = await this.identity.findUsersByIds(unique);
    if (users.length !== unique.length) {
      throw new DomainError(ErrorCode.ValidationFailed, 'One or more users do not exist');
    }
    const previous = await this.identity.agentIdsOfChannel(channelId);
    await this.identity.replaceChannelAgents(channelId, unique);
    this.events.emit('channel.agents-changed', {
      channelId,
      userIds: [...new Set([...previous, ...unique])],
    });
    return this.get(user, channelId);
  }

  private view(record: OaChannelRecord, agentIds: string[]): ChannelView {
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
      config: {
        appId: config.appId,
        originalId: config.originalId,
        encryptionMode: config.encryptionMode,
        messagesPerCustomerMessage: config.messagesPerCustomerMessage,
        tokenMode: config.tokenMode,
        appSecret: maskSecret(secrets.appSecret) ?? '',
        token: maskSecret(secrets.token) ?? '',
        encodingAesKey: maskSecret(secrets.encodingAesKey),
      },
      agentIds,
      createdAt: channel.createdAt.toISOString(),
    };
  }
}
