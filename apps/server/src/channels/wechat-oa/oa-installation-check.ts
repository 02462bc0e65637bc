import { Injectable } from '@nestjs/common';
import type { ChannelProblem, ChannelVerification } from '#contracts';
import { WechatApiError, WechatTransportError } from '#wechat';
import { ChannelHealthService } from '../channel-health.service.js';
import { OaAccessTokens } from './oa-access-tokens.js';
import type { OaChannel } from './oa-channel-directory.js';
import { describeOaConfigurationProblem } from './oa-configuration-problem.js';

const OK_MESSAGE =
  'WeChat accepted the AppID and AppSecret from this server’s IP address, and the account may send customer-service messages.';

/**
 * "Verify installation" for an Official Account (item 3): three calls at most, each once, never in a loop.
 *
 * 1. The credentials and the IP whitelist, with a `stable_token` call without `force_refresh`. That call
 *    issues nothing new and invalidates no one's token (in either token mode: basic and stable tokens are
 *    independent), yet WeChat checks the AppID, the AppSecret and the caller's IP for it like for any token.
 *    A forced `cgi-bin/token` would also prove them, but it supersedes the token every process (and any
 *    other system on this AppID) is using, after five minutes.
 * 2. The channel's token, the way sends get it: the stored one, or a refresh if due.
 * 3. The customer-service permission, with `customservice/getkflist`, a read-only call that answers 48001
 *    when the account may not send customer-service messages.
 */
@Injectable()
export class OaInstallationCheck {
  constructor(
    private readonly tokens: OaAccessTokens,
    private readonly health: ChannelHealthService,
  ) {}

  async verify(channel: OaChannel): Promise<ChannelVerification> {
    const checkedAt = new Date().toISOString();
    try {
      await this.tokens.client.getStableAccessToken({ appId: channel.appId, appSecret: channel.appSecret });
      const token = await this.tokens.currentToken(channel);
      await this.tokens.client.getKfList(token);
    } catch (error) {
      const { problem, message, misconfigured } = this.explain(error);
      if (misconfigured) await this.health.markMisconfigured(channel.id, message);
      else await this.health.markUnhealthy(channel.id, message);
      return { ok: false, problem, message, checkedAt };
    }
    await this.health.markVerified(channel.id);
    return { ok: true, problem: null, message: OK_MESSAGE, checkedAt };
  }

  private explain(error: unknown): { problem: ChannelProblem; message: string; misconfigured: boolean } {
    if (error instanceof WechatApiError) {
      if (error.category === 'configuration') {
        return { ...describeOaConfigurationProblem(error), misconfigured: true };
      }
      return {
        problem: 'unknown',
        message: `${error.description} (WeChat error ${error.errcode}); try again in a moment.`,
        misconfigured: false,
      };
    }
    if (error instanceof WechatTransportError) {
      return {
        problem: 'unreachable',
        message: `WeChat could not be reached from this server (${error.message}): check its outbound network and proxy settings.`,
        misconfigured: false,
      };
    }
    throw error;
  }
}
