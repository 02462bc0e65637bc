import { Injectable } from '@nestjs/common';
import type {
  ChannelView,
  CreateChannelRequest,
  SetFollowReplyRequest,
  UpdateChannelRequest,
  WechatOaConfigPatch,
} from '#contracts';
import { CHANNEL_LIMITS } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { SecretBox } from '../common/secret-box.js';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import { ChannelIconsRepository } from './channel-icons.repository.js';
import { ChannelViews } from './channel-views.js';
import { ChannelsRepository, type OaChannelChange, type OaChannelRecord } from './channels.repository.js';
import { OaChannelDirectory, type OaSecrets } from './wechat-oa/oa-channel-directory.js';

const DEFAULT_TALK_TO_AGENT_KEY = 'TALK_TO_AGENT';

/** Creating, reading and editing channels (CH1–CH3, OA1); only admins reach the writes (the controller says so). */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly icons: ChannelIconsRepository,
    private readonly identity: IdentityRepository,
    private readonly access: AccessScopeService,
    private readonly secretBox: SecretBox,
    private readonly directory: OaChannelDirectory,
    private readonly views: ChannelViews,
    private readonly events: DomainEvents,
  ) {}

  async create(request: CreateChannelRequest): Promise<ChannelView> {
    const { config } = request;
    assertKeyForMode(config.encryptionMode, config.encodingAesKey ?? null);
    const departmentId = request.departmentId ?? null;
    await this.assertDepartment(departmentId);
    if (await this.channels.appIdInUse(config.appId)) {
      throw new DomainError(
        ErrorCode.Conflict,
        `Another channel already uses the AppID ${config.appId}: one Official Account is one channel`,
      );
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
        messagesPerCustomerMessage:
          config.messagesPerCustomerMessage ?? CHANNEL_LIMITS.messagesPerCustomerMessage.default,
        tokenMode: config.tokenMode ?? 'token',
        outsideMainlandChina: config.outsideMainlandChina ?? false,
        followReplyEnabled: false,
        followReplyText: '',
        talkToAgentKey: DEFAULT_TALK_TO_AGENT_KEY,
        menu: null,
        menuUpdatedAt: null,
        menuPublishedAt: null,
      },
      (channelId) => this.secretBox.sealJson(secrets, channelId),
    );
    return this.views.view(record, [], null);
  }

  /** PATCH semantics: what is omitted stays; a secret that is sent replaces the stored one (CH3). */
  async update(id: string, request: UpdateChannelRequest): Promise<ChannelView> {
    if (request.departmentId) await this.assertDepartment(request.departmentId);
    const patch = request.config ?? {};
    let previousDepartment = null as string | null;
    const record = await this.channels.updateOaChannel(id, (current) => {
      previousDepartment = current.channel.departmentId;
      const change: OaChannelChange = { channel: {}, config: {} };
      if (request.name !== undefined) change.channel!.name = request.name.trim();
      if (request.departmentId !== undefined) change.channel!.departmentId = request.departmentId;
      if (patch.appId !== undefined && patch.appId !== current.config.appId) {
        throw new DomainError(
          ErrorCode.ValidationFailed,
          `The AppID cannot change: this channel belongs to the Official Account ${current.config.appId}, whose customers and conversations it keeps. Create a new channel for another account.`,
        );
      }
      change.config = { ...this.configChanges(patch), ...this.secretChanges(current, patch) };
      // New credentials have not been checked with WeChat yet: the last verdict no longer applies.
      if (patch.appSecret !== undefined || patch.tokenMode !== undefined) {
        change.channel!.health = 'unknown';
        change.channel!.healthReason = null;
      }
      return change;
    });
    if (!record) throw notFound('Channel');
    this.directory.forget(id);
    if (request.departmentId !== undefined && request.departmentId !== previousDepartment) {
      this.events.emit('channel.department-changed', {
        channelId: id,
        departmentIds: [previousDepartment, request.departmentId].filter((d): d is string => d !== null),
      });
    }
    return this.viewOf(record);
  }

  async setFollowReply(id: string, request: SetFollowReplyRequest): Promise<ChannelView> {
    const text = request.text.trim();
    if (request.enabled && !text) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'Write the text new followers receive, or turn the reply off',
      );
    }
    const size = Buffer.byteLength(text, 'utf8');
    if (size > CHANNEL_LIMITS.followReplyMaxBytes) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `The follow reply is ${size} bytes; WeChat accepts at most ${CHANNEL_LIMITS.followReplyMaxBytes} (about 680 Chinese characters)`,
      );
    }
    const record = await this.channels.updateOaChannel(id, () => ({
      config: { followReplyEnabled: request.enabled, followReplyText: text },
    }));
    if (!record) throw notFound('Channel');
    this.directory.forget(id);
    return this.viewOf(record);
  }

  async list(user: AuthUser): Promise<ChannelView[]> {
    const scope = await this.access.channelScope(user);
    const channels = await this.channels.listLiveChannels();
    const visible = channels.filter((c) => scope.all || scope.channelIds.includes(c.id));
    const fingerprints = await this.icons.fingerprints(visible.map((c) => c.id));
    const views = await Promise.all(
      visible.map(async (channel) => {
        const config = await this.channels.findOaConfig(channel.id);
        if (!config) return null;
        const agentIds = await this.identity.agentIdsOfChannel(channel.id);
        return this.views.view({ channel, config }, agentIds, fingerprints.get(channel.id) ?? null);
      }),
    );
    return views.filter((v): v is ChannelView => v !== null);
  }

  async get(user: AuthUser, id: string): Promise<ChannelView> {
    if (!(await this.access.canSeeChannel(user, id))) throw notFound('Channel');
    return this.viewOf(await this.liveRecord(id));
  }

  async setAgents(user: AuthUser, channelId: string, agentIds: string[]): Promise<ChannelView> {
    await this.liveRecord(channelId);
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

  /** A channel that exists and is not deleted. */
  async liveRecord(id: string): Promise<OaChannelRecord> {
    const record = await this.channels.findOaChannel(id);
    if (!record || record.channel.deletedAt) throw notFound('Channel');
    return record;
  }

  async viewOf(record: OaChannelRecord): Promise<ChannelView> {
    const id = record.channel.id;
    const [agentIds, fingerprints] = await Promise.all([
      this.identity.agentIdsOfChannel(id),
      this.icons.fingerprints([id]),
    ]);
    return this.views.view(record, agentIds, fingerprints.get(id) ?? null);
  }

  private configChanges(patch: WechatOaConfigPatch): OaChannelChange['config'] {
    const changes: OaChannelChange['config'] = {};
    if (patch.originalId !== undefined) changes.originalId = patch.originalId;
    if (patch.encryptionMode !== undefined) changes.encryptionMode = patch.encryptionMode;
    if (patch.messagesPerCustomerMessage !== undefined)
      changes.messagesPerCustomerMessage = patch.messagesPerCustomerMessage;
    if (patch.tokenMode !== undefined) changes.tokenMode = patch.tokenMode;
    if (patch.outsideMainlandChina !== undefined) changes.outsideMainlandChina = patch.outsideMainlandChina;
    if (patch.talkToAgentKey !== undefined) changes.talkToAgentKey = patch.talkToAgentKey;
    return changes;
  }

  /** Rotation: the sealed secrets are rewritten only when one of them changes. */
  private secretChanges(current: OaChannelRecord, patch: WechatOaConfigPatch): OaChannelChange['config'] {
    const stored = this.directory.openSecrets(current);
    const next: OaSecrets = {
      appSecret: patch.appSecret ?? stored.appSecret,
      token: patch.token ?? stored.token,
      encodingAesKey: patch.encodingAesKey === undefined ? stored.encodingAesKey : patch.encodingAesKey,
    };
    assertKeyForMode(patch.encryptionMode ?? current.config.encryptionMode, next.encodingAesKey);
    const changed =
      next.appSecret !== stored.appSecret ||
      next.token !== stored.token ||
      next.encodingAesKey !== stored.encodingAesKey;
    return changed ? { secretsSealed: this.secretBox.sealJson(next, current.channel.id) } : {};
  }

  private async assertDepartment(departmentId: string | null): Promise<void> {
    if (departmentId && !(await this.channels.departmentExists(departmentId))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'The department does not exist');
    }
  }
}

function assertKeyForMode(mode: string, encodingAesKey: string | null): void {
  if (mode !== 'plaintext' && !encodingAesKey) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      `The ${mode} encryption mode needs the EncodingAESKey: paste WeChat's or generate one`,
    );
  }
}
