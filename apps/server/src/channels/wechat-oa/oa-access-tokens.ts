import { Inject, Injectable } from '@nestjs/common';
import type { OaTokenMode } from '#contracts';
import { AccessTokenProvider, OaApiClient, WechatApiError } from '#wechat';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { AccessTokenRepository } from '../access-token.repository.js';
import { ChannelHealthService } from '../channel-health.service.js';
import type { OaChannel } from './oa-channel-directory.js';
import { describeOaConfigurationProblem, isTokenEndpointError } from './oa-configuration-problem.js';

/** The channel's configuration is known to be broken: refused without asking WeChat (see ChannelHealthService). */
export class OaChannelMisconfigured extends Error {
  override readonly name = 'OaChannelMisconfigured';

  constructor(readonly reason: string) {
    super(reason);
  }
}

interface ProviderEntry {
  appSecret: string;
  tokenMode: OaTokenMode;
  provider: AccessTokenProvider;
}

/**
 * The Official Account API client and one access-token provider per channel, shared by everything in
 * `wechat-oa/` that calls WeChat (sending, media, menus, profiles, the installation check). Tokens live in
 * the database so that every server process uses the same one, refreshed by one process at a time (OA8).
 *
 * `token_mode = stable` uses `cgi-bin/stable_token`: other systems that use the same AppID (a CMS, a mini
 * program backend) then cannot knock our token out by fetching their own, as `cgi-bin/token` allows. The two
 * kinds of token are independent on WeChat's side, so they are stored under different keys.
 */
@Injectable()
export class OaAccessTokens {
  readonly client: OaApiClient;
  private readonly providers = new Map<string, ProviderEntry>();

  constructor(
    private readonly store: AccessTokenRepository,
    private readonly health: ChannelHealthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.client = new OaApiClient({ baseUrl: config.wechatApiBase });
  }

  /**
   * Runs `call` with the channel's token; a token WeChat calls invalid is replaced and the call retried once.
   * A configuration error from the token endpoint marks the channel unhealthy, and for a while afterwards the
   * call is refused here (`OaChannelMisconfigured`) instead of asking WeChat again.
   */
  async withToken<T>(channel: OaChannel, call: (token: string) => Promise<T>): Promise<T> {
    const blocked = this.health.blockedReason(channel.id);
    if (blocked) throw new OaChannelMisconfigured(blocked);
    try {
      return await this.provider(channel).withToken(call);
    } catch (error) {
      if (
        error instanceof WechatApiError &&
        error.category === 'configuration' &&
        isTokenEndpointError(error)
      ) {
        await this.health.markMisconfigured(channel.id, describeOaConfigurationProblem(error).message);
      }
      throw error;
    }
  }

  /**
   * The channel's token the way every call gets it (a refresh only when due; never a forced one, which would
   * supersede the token other processes are using), ignoring a configuration block: for "Verify installation".
   */
  currentToken(channel: OaChannel): Promise<string> {
    return this.provider(channel).getToken();
  }

  private provider(channel: OaChannel): AccessTokenProvider {
    const existing = this.providers.get(channel.id);
    // A rotated AppSecret or another token mode needs a provider that fetches accordingly.
    if (existing && existing.appSecret === channel.appSecret && existing.tokenMode === channel.tokenMode) {
      return existing.provider;
    }
    const creds = { appId: channel.appId, appSecret: channel.appSecret };
    const provider =
      channel.tokenMode === 'stable'
        ? new AccessTokenProvider({
            key: `wechat-oa-stable:${channel.appId}`,
            store: this.store,
            fetchToken: () => this.client.getStableAccessToken(creds),
          })
        : new AccessTokenProvider({
            key: `wechat-oa:${channel.appId}`,
            store: this.store,
            fetchToken: () => this.client.getAccessToken(creds),
          });
    this.providers.set(channel.id, { appSecret: channel.appSecret, tokenMode: channel.tokenMode, provider });
    return provider;
  }
}
