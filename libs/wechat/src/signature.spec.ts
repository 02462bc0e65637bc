import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { msgSignature, oaSignature, sortedSha1, verifyMsgSignature, verifyOaSignature } from './signature.js';

describe('signatures', () => {
  it('computes the official OA example of spec §1.3', () => {
    expect(oaSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });

  it('computes V8 (node-webot wechat-crypto)', () => {
    expect(msgSignature('RMNlACHlV5ThzfRlVS4D4', 'timestamp', 'nonce', 'encrypt')).toBe(
      '8edac0945683c119ee71c9f6256d76c48aa08a96',
    );
  });

  it('computes the msg_signature vectors of V2, V3 and V4', () => {
    const v2Echo = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
    expect(msgSignature('QDG6eK', '1409659589', '263014780', v2Echo)).toBe(
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    );
    const v3 = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';
    expect(msgSignature('pamtest', '1409304348', 'xxxxxx', v3)).toBe(
      '82c962d39941aa48552f90ef55aa323dc620cc10',
    );
    const v4Echo = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';
    expect(msgSignature('123456', '1411443780', '437374425', v4Echo)).toBe(
      'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
    );
  });

  it('sorts as strings, not numbers', () => {
    // Numerically 9 < 10, but as strings "10" < "9".
    expect(sortedSha1(['9', '10'])).toBe(sortedSha1(['10', '9']));
    expect(oaSignature('t', '9', '10')).toBe(sortedSha1(['10', '9', 't']));
  });

  it('sorts by UTF-8 bytes, where UTF-16 order differs', () => {
    // U+FF61 sorts after U+1F600 in UTF-8 bytes (EF.. < F0..) but before it in UTF-16 code units (FF61 > D83D).
    const parts = ['\u{1F600}', '\uFF61'];
    const expected = sortedSha1(['\uFF61', '\u{1F600}']);
    expect(sortedSha1(parts)).toBe(expected);
    expect(sortedSha1([...parts].reverse())).toBe(expected);
  });

  it('verifies good signatures and refuses altered, truncated or malformed ones without throwing', () => {
    const good = '899cf89e464efb63f54ddac96b0a0a235f53aa78';
    expect(verifyOaSignature('AAAAA', '1714037059', '486452656', good)).toBe(true);
    expect(verifyOaSignature('AAAAA', '1714037059', '486452656', good.toUpperCase())).toBe(true);
    expect(verifyOaSignature('AAAAA', '1714037059', '486452657', good)).toBe(false);
    expect(verifyOaSignature('AAAAB', '1714037059', '486452656', good)).toBe(false);
    expect(verifyOaSignature('AAAAA', '1714037059', '486452656', good.slice(0, 39))).toBe(false);
    expect(verifyOaSignature('AAAAA', '1714037059', '486452656', `${good}0`)).toBe(false);
    expect(verifyOaSignature('AAAAA', '1714037059', '486452656', '')).toBe(false);
    expect(verifyOaSignature('AAAAA', '1714037059', '486452656', `${good.slice(0, 39)}é`)).toBe(false);
    expect(verifyOaSignature('AAAAA', '1714037059', '486452656', undefined as unknown as string)).toBe(false);
    expect(verifyOaSignature('AAAAA', ['1714037059'] as unknown as string, '486452656', good)).toBe(false);
    expect(
      verifyMsgSignature(
        'RMNlACHlV5ThzfRlVS4D4',
        'timestamp',
        'nonce',
        'encrypt',
        '8edac0945683c119ee71c9f6256d76c48aa08a96',
      ),
    ).toBe(true);
    expect(
      verifyMsgSignature(
        'RMNlACHlV5ThzfRlVS4D4',
        'timestamp',
        'nonce',
        'encrypT',
        '8edac0945683c119ee71c9f6256d76c48aa08a96',
      ),
    ).toBe(false);
  });

  it('refuses a signature with any one character changed (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.nat(39),
        (token, timestamp, nonce, encrypt, position) => {
          const signature = msgSignature(token, timestamp, nonce, encrypt);
          expect(verifyMsgSignature(token, timestamp, nonce, encrypt, signature)).toBe(true);
          const original = signature[position];
          const replacement = original === '0' ? '1' : '0';
          const altered = signature.slice(0, position) + replacement + signature.slice(position + 1);
          expect(verifyMsgSignature(token, timestamp, nonce, encrypt, altered)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
