import { WechatApiError, WechatTransportError } from '#wechat';
import { OaChannelMisconfigured } from './oa-access-tokens.js';
import { OA_UPLOAD_API, OaCannotSend } from './oa-outbound-media.js';

export const CUSTOM_SEND_API = 'cgi-bin/message/custom/send';

/** What a failed `custom/send` means for the message, before the adapter looks closer (45015, configuration). */
export type OaSendFailure =
  | { kind: 'retryable' | 'uncertain' | 'rejected'; reason: string }
  | { kind: 'configuration'; error: WechatApiError }
  | { kind: 'blocked'; reason: string }
  /** 45015: the 48 hours are over, or the customer unfollowed (WeChat does not say which). */
  | { kind: 'window-closed'; reason: string }
  | { kind: 'unfollowed'; reason: string }
  | { kind: 'quota-used'; reason: string };

const weChatSays = (error: WechatApiError) =>
  `WeChat refused: ${error.description} (WeChat error ${error.errcode})`;

/**
 * Whether the message can have reached the customer decides what happens to it. `custom/send` has no
 * idempotency key, so only failures that provably happened before WeChat took the request are retried:
 * no connection, a token call that failed (the message was never sent), errcode -1 / rate limits, and a 5xx
 * from WeChat's front end. A timeout, a connection lost mid-request, a 504 from a gateway that waited on
 * WeChat, or a 2xx we cannot read may all mean "delivered": those are `uncertain`.
 *
 * A file is uploaded (`media/upload`) before `custom/send`, so every way an upload fails — a timeout too —
 * is `retryable`: nothing has been sent to the customer yet. At worst WeChat keeps an unused copy of the
 * file, which it drops after 3 days.
 */
export function classifyOaSendFailure(error: unknown): OaSendFailure {
  if (error instanceof OaChannelMisconfigured) return { kind: 'blocked', reason: error.reason };
  if (error instanceof OaCannotSend) return { kind: 'rejected', reason: error.message };
  if (error instanceof WechatApiError && error.api === OA_UPLOAD_API && error.category === 'bad-media') {
    return {
      kind: 'rejected',
      reason: `WeChat refused the file: ${error.description} (WeChat error ${error.errcode})`,
    };
  }
  if (error instanceof WechatApiError) {
    switch (error.category) {
      case 'configuration':
        return { kind: 'configuration', error };
      case 'retryable':
        return { kind: 'retryable', reason: `${error.description} (WeChat error ${error.errcode})` };
      // Still invalid after the provider replaced the token once: another system keeps replacing it.
      case 'token-invalid':
        return {
          kind: 'retryable',
          reason: `WeChat refused the access token twice (WeChat error ${error.errcode}); another system using this AppID may be fetching tokens — consider the stable_token mode.`,
        };
      case 'window-closed':
        return error.errcode === 43004
          ? { kind: 'unfollowed', reason: weChatSays(error) }
          : { kind: 'window-closed', reason: weChatSays(error) };
      case 'quota-used':
        return { kind: 'quota-used', reason: weChatSays(error) };
      case 'session-state':
      case 'bad-media':
      case 'bad-request':
      case 'unknown':
        return { kind: 'rejected', reason: weChatSays(error) };
    }
  }
  if (error instanceof WechatTransportError) {
    const detail = error.message.replace(/^[^:]*: /, '');
    if (error.api === OA_UPLOAD_API) {
      return {
        kind: 'retryable',
        reason: `The file could not be uploaded to WeChat (${detail}); the message was not sent.`,
      };
    }
    if (error.api !== CUSTOM_SEND_API) {
      return {
        kind: 'retryable',
        reason: `WeChat could not be reached for an access token (${detail}); the message was not sent.`,
      };
    }
    switch (error.failure) {
      case 'connect':
        return {
          kind: 'retryable',
          reason: `WeChat could not be reached (${detail}); the message was not sent.`,
        };
      case 'http-status':
        if (error.status !== undefined && error.status >= 500 && error.status !== 504) {
          return {
            kind: 'retryable',
            reason: `WeChat answered with an error page (${detail}); the message was not sent.`,
          };
        }
        if (error.status !== 504) {
          return { kind: 'rejected', reason: `WeChat refused the request (${detail}).` };
        }
        return { kind: 'uncertain', reason: uncertain(`a gateway gave up waiting for WeChat (${detail})`) };
      case 'timeout':
        return { kind: 'uncertain', reason: uncertain(`WeChat did not answer in time (${detail})`) };
      case 'network':
        return { kind: 'uncertain', reason: uncertain(`the connection to WeChat broke (${detail})`) };
      case 'invalid-json':
      case 'invalid-response':
        return { kind: 'uncertain', reason: uncertain(`WeChat's answer could not be read (${detail})`) };
    }
  }
  throw error;
}

function uncertain(what: string): string {
  return `Not confirmed: ${what}. WeChat may have delivered it; check with the customer before sending it again.`;
}
