import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenProvider, OaApiClient } from '#wechat';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { AccessTokenRepository } from '../access-token.repository.js';
import type { OaChannel } from './oa-channel-directory.js';

/**
 * The Official Account API client and one access-token provider per channel, shared by everything in
 * `wechat-oa/` that calls WeChat (sending, media, menus, profiles, the installation check). Tokens live in
 * the database so that every server process uses the same one (OA8).
 */
@Injectable()
export class OaAccessTokens {
  readonly client: OaApiClient;
  private readonly providers = new Map<string, { appSecret: string; provider: AccessTokenProvider }>();

  constructor(
    private readonly store: AccessTokenRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.client = new OaApiClient({ baseUrl: config.wechatApiBase });
  }

  /** Runs `call` with the channel's token; a token WeChat calls invalid is replaced and the call retried once. */
  withToken<T>(channel: OaChannel, call: (token: string) => Promise<T>): Promise<T> {
    return this.provider(channel).withToken(call);
  }

  private provider(channel: OaChannel): AccessTokenProvider {
    const existing = this.providers.get(channel.id);
    // A rotated AppSecret needs a provider that fetches with the new one.
    if (existing && existing.appSecret === channel.appSecret) return existing.provider;
    const provider = new AccessTokenProvider({
      key: `wechat-oa:${channel.appId}`,
      store: this.store,
      fetchToken: () => this.client.getAccessToken({ appId: channel.appId, appSecret: channel.appSecret }),
    });
    this.providers.set(channel.id, { appSecret: channel.appSecret, provider });
    return provider;
  }
}
