import type { ChannelProblem } from '#contracts';
import type { WechatApiError } from '#wechat';

const TOKEN_APIS = new Set(['cgi-bin/token', 'cgi-bin/stable_token']);

/** An error from a token endpoint: nothing the channel does can work until it is fixed. */
export function isTokenEndpointError(error: WechatApiError): boolean {
  return TOKEN_APIS.has(error.api);
}

/** A configuration error in words an admin can act on, with what kind of problem it is. */
export function describeOaConfigurationProblem(error: WechatApiError): {
  problem: ChannelProblem;
  message: string;
} {
  const code = `(WeChat error ${error.errcode})`;
  switch (error.errcode) {
    case 40164: {
      const ip = /invalid ip ([0-9a-fA-F.:]+)/.exec(error.errmsg)?.[1];
      return {
        problem: 'ip-not-whitelisted',
        message: `This server's IP address${ip ? ` ${ip}` : ''} is not on the Official Account's IP whitelist: add it in the WeChat admin console (Settings and development → Basic configuration → IP whitelist), then verify again. ${code}`,
      };
    }
    case 40125:
    case 40001:
      return {
        problem: 'bad-credentials',
        message: `WeChat refused the AppSecret: paste the current one from the WeChat admin console (Settings and development → Basic configuration) into the channel settings. ${code}`,
      };
    case 40013:
      return {
        problem: 'bad-credentials',
        message: `WeChat does not know this AppID: check it against the WeChat admin console. ${code}`,
      };
    case 48001:
      return {
        problem: 'no-permission',
        message: `This Official Account may not send customer-service messages: it needs the customer-service message permission (a verified service account, or a verified subscription account). ${code}`,
      };
    default:
      return { problem: 'unknown', message: `${error.description} ${code}` };
  }
}
