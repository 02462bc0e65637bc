import { Injectable, Logger } from '@nestjs/common';
import type { ChannelMenuView, PublishedChannelMenu } from '#contracts';
import { WechatApiError } from '#wechat';
import { DomainError, ErrorCode, notFound } from '../../common/domain-error.js';
import { ChannelViews } from '../channel-views.js';
import { ChannelsRepository, type OaChannelRecord } from '../channels.repository.js';
import { OaAccessTokens } from './oa-access-tokens.js';
import { OaChannelDirectory, type OaChannel } from './oa-channel-directory.js';
import { checkChannelMenu, fromOaMenu, sameMenu, toOaMenu } from './oa-menu.js';
import { describePlatformFailure } from './oa-platform-failure.js';

/** WeChat's answer to menu/get when the account has no menu. */
const NO_MENU = 46003;

/**
 * The Official Account's custom menu (OA9): saved here first (so an edit survives a refusal), then published
 * with `menu/create`, read back with `menu/get`, removed with `menu/delete`.
 */
@Injectable()
export class OaMenuService {
  private readonly logger = new Logger(OaMenuService.name);

  constructor(
    private readonly channels: ChannelsRepository,
    private readonly directory: OaChannelDirectory,
    private readonly tokens: OaAccessTokens,
    private readonly views: ChannelViews,
  ) {}

  async get(channelId: string): Promise<ChannelMenuView> {
    return this.views.menu(await this.record(channelId));
  }

  async save(channelId: string, buttons: unknown): Promise<ChannelMenuView> {
    const record = await this.channels.updateOaChannel(channelId, (current) => {
      const check = checkChannelMenu(buttons, current.config.talkToAgentKey);
      if (!check.ok) {
        throw new DomainError(ErrorCode.ValidationFailed, check.problems.join('; '), check.problems);
      }
      return { config: { menu: check.buttons, menuUpdatedAt: new Date() } };
    });
    if (!record) throw notFound('Channel');
    return this.views.menu(record);
  }

  /** Puts the saved menu on WeChat; followers see it within minutes (WeChat caches menus on the phone). */
  async publish(channelId: string): Promise<ChannelMenuView> {
    const record = await this.record(channelId);
    const buttons = record.config.menu;
    if (!buttons || buttons.length === 0) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'Save a menu with at least one button before publishing it',
      );
    }
    const channel = await this.channel(channelId);
    await this.call(channel, 'publish the menu', (token) =>
      this.tokens.client.createMenu(token, toOaMenu(buttons, record.config.talkToAgentKey)),
    );
    const published = await this.channels.updateOaChannel(channelId, () => ({
      config: { menuPublishedAt: new Date() },
    }));
    return this.views.menu(published ?? record);
  }

  /** What WeChat shows followers now, which may also have been set in WeChat's own console. */
  async published(channelId: string): Promise<PublishedChannelMenu> {
    const record = await this.record(channelId);
    const channel = await this.channel(channelId);
    const key = record.config.talkToAgentKey;
    try {
      const response = await this.call(channel, 'read the menu', (token) =>
        this.tokens.client.getMenu(token),
      );
      const buttons = fromOaMenu(response, key);
      return {
        published: buttons.length > 0,
        buttons,
        matchesSaved: sameMenu(record.config.menu, buttons, key),
      };
    } catch (error) {
      if (error instanceof DomainError && (error.details as { errcode?: number })?.errcode === NO_MENU) {
        return { published: false, buttons: [], matchesSaved: !record.config.menu?.length };
      }
      throw error;
    }
  }

  /** Removes the menu from WeChat; the saved one stays here, to publish again. */
  async remove(channelId: string): Promise<ChannelMenuView> {
    await this.record(channelId);
    const channel = await this.channel(channelId);
    await this.call(channel, 'delete the menu', (token) => this.tokens.client.deleteMenu(token));
    const record = await this.channels.updateOaChannel(channelId, () => ({
      config: { menuPublishedAt: null },
    }));
    if (!record) throw notFound('Channel');
    return this.views.menu(record);
  }

  private async call<T>(channel: OaChannel, action: string, run: (token: string) => Promise<T>): Promise<T> {
    try {
      return await this.tokens.withToken(channel, run);
    } catch (error) {
      const failure = describePlatformFailure(error, action);
      if (!failure) throw error;
      if (!(error instanceof WechatApiError && error.errcode === NO_MENU)) {
        this.logger.warn(`Could not ${action} on channel ${channel.id}: ${failure.error.message}`);
      }
      if (failure.healthReason)
        await this.channels.recordHealth(channel.id, 'unhealthy', failure.healthReason);
      throw failure.error;
    }
  }

  private async record(channelId: string): Promise<OaChannelRecord> {
    const record = await this.channels.findOaChannel(channelId);
    if (!record || record.channel.deletedAt) throw notFound('Channel');
    return record;
  }

  private async channel(channelId: string): Promise<OaChannel> {
    const channel = await this.directory.find(channelId);
    if (!channel || channel.deleted) throw notFound('Channel');
    return channel;
  }
}
