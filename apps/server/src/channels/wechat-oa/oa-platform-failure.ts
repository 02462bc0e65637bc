import { WechatApiError, WechatTransportError } from '#wechat';
import { DomainError, ErrorCode } from '../../common/domain-error.js';

/**
 * A WeChat refusal of an admin's action (publishing a menu…) in words the admin can act on. `configuration`
 * errors (IP whitelist, AppSecret, permission) are also what the channel's health should say.
 */
export function describePlatformFailure(
  error: unknown,
  action: string,
): { error: DomainError; healthReason: string | null } | null {
  if (error instanceof WechatApiError) {
    const seenFrom =
      error.errcode === 40164 ? /invalid ip ([0-9a-f.:]+)/i.exec(error.errmsg)?.[1] : undefined;
    const description = seenFrom
      ? `${error.description} WeChat saw the call come from ${seenFrom}.`
      : error.description;
    return {
      error: new DomainError(
        ErrorCode.PlatformRefused,
        `WeChat refused to ${action}: ${description} (WeChat error ${error.errcode})`,
        { errcode: error.errcode, category: error.category },
      ),
      healthReason:
        error.category === 'configuration' ? `${description} (WeChat error ${error.errcode})` : null,
    };
  }
  if (error instanceof WechatTransportError) {
    return {
      error: new DomainError(
        ErrorCode.PlatformUnavailable,
        `WeChat did not answer usably (${error.failure}); try again in a moment`,
      ),
      healthReason: null,
    };
  }
  return null;
}
