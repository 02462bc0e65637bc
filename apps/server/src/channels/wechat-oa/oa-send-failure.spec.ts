import { describe, expect, it } from '@jest/globals';
import { WechatApiError, WechatTransportError } from '#wechat';
import { OaChannelMisconfigured } from './oa-access-tokens.js';
import { OA_UPLOAD_API, OaCannotSend } from './oa-outbound-media.js';
import { CUSTOM_SEND_API, classifyOaSendFailure } from './oa-send-failure.js';

const api = (errcode: number, errmsg = 'x', path = CUSTOM_SEND_API) =>
  new WechatApiError(path, errcode, errmsg);
const transport = (failure: WechatTransportError['failure'], status?: number, path = CUSTOM_SEND_API) =>
  new WechatTransportError(path, failure, failure === 'http-status' ? `HTTP ${status}` : failure, { status });

describe('classifyOaSendFailure: retry only what provably did not reach WeChat', () => {
  it('retries busy, rate limits, unreachable and 5xx error pages', () => {
    expect(classifyOaSendFailure(api(-1)).kind).toBe('retryable');
    expect(classifyOaSendFailure(api(45011)).kind).toBe('retryable');
    expect(classifyOaSendFailure(transport('connect')).kind).toBe('retryable');
    expect(classifyOaSendFailure(transport('http-status', 500)).kind).toBe('retryable');
    expect(classifyOaSendFailure(transport('http-status', 503)).kind).toBe('retryable');
  });

  it('retries any transport failure of the token call: the message was never sent', () => {
    expect(classifyOaSendFailure(transport('timeout', undefined, 'cgi-bin/token'))).toEqual({
      kind: 'retryable',
      reason: 'WeChat could not be reached for an access token (timeout); the message was not sent.',
    });
  });

  it('never retries what WeChat may have delivered: timeouts, broken connections, 504, unreadable answers', () => {
    for (const error of [
      transport('timeout'),
      transport('network'),
      transport('http-status', 504),
      transport('invalid-json'),
      transport('invalid-response'),
    ]) {
      const failure = classifyOaSendFailure(error);
      expect(failure.kind).toBe('uncertain');
      expect((failure as { reason: string }).reason).toMatch(
        /^Not confirmed: .*WeChat may have delivered it/,
      );
    }
  });

  it('maps the window and quota refusals to locks, and configuration errors to the channel', () => {
    expect(classifyOaSendFailure(api(45015)).kind).toBe('window-closed');
    expect(classifyOaSendFailure(api(43004)).kind).toBe('unfollowed');
    expect(classifyOaSendFailure(api(45047))).toEqual({
      kind: 'quota-used',
      reason:
        'WeChat refused: The number of messages allowed per customer message is used up; wait for the customer to write again. (WeChat error 45047)',
    });
    expect(classifyOaSendFailure(api(48001)).kind).toBe('configuration');
    expect(classifyOaSendFailure(api(40164, 'invalid ip 1.2.3.4', 'cgi-bin/token')).kind).toBe(
      'configuration',
    );
    expect(classifyOaSendFailure(new OaChannelMisconfigured('IP not whitelisted'))).toEqual({
      kind: 'blocked',
      reason: 'IP not whitelisted',
    });
  });

  it('rejects content errors for good, and retries a token refused twice', () => {
    expect(classifyOaSendFailure(api(45002)).kind).toBe('rejected');
    expect(classifyOaSendFailure(api(40003)).kind).toBe('rejected');
    expect(classifyOaSendFailure(api(99999)).kind).toBe('rejected');
    expect(classifyOaSendFailure(transport('http-status', 403)).kind).toBe('rejected');
    expect(classifyOaSendFailure(api(40001)).kind).toBe('retryable');
  });

  it('lets our own bugs through rather than calling them platform failures', () => {
    expect(() => classifyOaSendFailure(new TypeError('oops'))).toThrow('oops');
  });

  it('retries every transport failure of a file upload, a timeout too: custom/send was not called yet', () => {
    for (const failure of ['timeout', 'network', 'connect', 'invalid-json'] as const) {
      expect(classifyOaSendFailure(transport(failure, undefined, OA_UPLOAD_API))).toEqual({
        kind: 'retryable',
        reason: `The file could not be uploaded to WeChat (${failure}); the message was not sent.`,
      });
    }
    expect(classifyOaSendFailure(transport('http-status', 504, OA_UPLOAD_API)).kind).toBe('retryable');
    expect(classifyOaSendFailure(api(-1, 'system error', OA_UPLOAD_API)).kind).toBe('retryable');
  });

  it('explains WeChat refusing the file itself, for good', () => {
    expect(classifyOaSendFailure(api(40009, 'invalid image size', OA_UPLOAD_API))).toEqual({
      kind: 'rejected',
      reason: 'WeChat refused the file: The image is too large. (WeChat error 40009)',
    });
    for (const errcode of [40004, 40005, 40010, 40011, 40012, 41005]) {
      const failure = classifyOaSendFailure(api(errcode, 'x', OA_UPLOAD_API));
      expect(failure.kind).toBe('rejected');
      expect((failure as { reason: string }).reason).toMatch(
        new RegExp(`^WeChat refused the file: .+ \\(WeChat error ${errcode}\\)$`),
      );
    }
    expect(classifyOaSendFailure(new OaCannotSend('An Official Account cannot send a file.'))).toEqual({
      kind: 'rejected',
      reason: 'An Official Account cannot send a file.',
    });
  });
});
