import { describe, expect, it } from '@jest/globals';
import { catalogedErrorCodes, describeWechatError } from './error-catalogue.js';
import { WechatApiError } from './errors.js';

describe('describeWechatError', () => {
  const expected: Record<string, number[]> = {
    'token-invalid': [40001, 40014, 42001],
    retryable: [-1, 45011, 45033],
    configuration: [
      45009, 40164, 60020, 40125, 40013, 48001, 48002, 40002, 95017, 95011, 95012, 95003, 95000, 95004, 40201,
      50002,
    ],
    'window-closed': [45015, 95002, 43004],
    'quota-used': [45047, 95001],
    'session-state': [95018],
    'bad-media': [40004, 40005, 40006, 40007, 40009, 40010, 40011, 40012, 41005, 41006],
    'bad-request': [43019, 40003, 45008, 45002, 40058, 40096, 90207, 95007, 41001],
  };

  for (const [category, codes] of Object.entries(expected)) {
    it(`maps ${codes.join(', ')} to ${category}`, () => {
      for (const code of codes) expect([code, describeWechatError(code).category]).toEqual([code, category]);
    });
  }

  it('gives every catalogued code a readable description', () => {
    for (const code of catalogedErrorCodes()) {
      const { description } = describeWechatError(code);
      expect(description.length).toBeGreaterThan(15);
      expect(description).toMatch(/\.$/);
    }
  });

  it('explains 95018 as a session taken by a person in the WeCom app', () => {
    expect(describeWechatError(95018).description).toMatch(/taken by a person in the WeCom app/);
  });

  it('keeps code and message of unknown errors', () => {
    expect(describeWechatError(61234, 'something new')).toEqual({
      category: 'unknown',
      description: 'WeChat returned error 61234: something new.',
    });
    expect(describeWechatError(61234).description).toBe('WeChat returned error 61234.');
  });

  it('carries the catalogue into WechatApiError', () => {
    const error = new WechatApiError('kf/send_msg', 95018, 'send msg session status invalid');
    expect(error).toMatchObject({
      api: 'kf/send_msg',
      errcode: 95018,
      errmsg: 'send msg session status invalid',
      category: 'session-state',
    });
    expect(error.message).toBe('kf/send_msg failed: 95018 send msg session status invalid');
    expect(error).toBeInstanceOf(Error);
  });
});
