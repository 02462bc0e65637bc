import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { V2, V3, V4 } from './__tests__/vectors.js';
import { WechatCryptoError } from './errors.js';
import { generateCallbackToken, generateEncodingAesKey, MessageCipher } from './message-cipher.js';

function cryptoCode(run: () => unknown): number | 'no error' | 'other error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof WechatCryptoError ? error.code : 'other error';
  }
}

describe('MessageCipher: public vectors (spec §2.6)', () => {
  it('V2: decrypts the WeCom echostr and the POST body, with their newlines intact', () => {
    const cipher = new MessageCipher(V2.encodingAesKey, V2.receiveId);
    expect(cipher.decrypt(V2.get.echostr)).toBe(V2.get.plain);
    const xml = cipher.decrypt(V2.post.encrypt);
    expect(xml).toContain('<FromUserName><![CDATA[mycreate]]></FromUserName>');
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
    expect(xml).toContain('<AgentID>218</AgentID>');
    expect(xml).toContain('\n');
  });

  it('V3: encrypts Chinese text byte-exact with the fixed random prefix, and decrypts it back', () => {
    const cipher = new MessageCipher(V3.encodingAesKey, V3.appId);
    expect(cipher.encrypt(V3.message, Buffer.from(V3.random))).toBe(V3.encrypt);
    expect(cipher.decrypt(V3.encrypt)).toBe(V3.message);
  });

  it('V4: decrypts the echostr, and encrypts the reply byte-exact', () => {
    const cipher = new MessageCipher(V4.encodingAesKey, V4.receiveId);
    expect(cipher.decrypt(V4.echo.echostr)).toBe(V4.echo.plain);
    expect(cipher.encrypt(V4.encrypt.reply, Buffer.from(V4.encrypt.random))).toBe(V4.encrypt.encrypt);
  });

  it('derives IV = key[0:16] (spec §2.2 example) and accepts the all-"A" key of 32 zero bytes', () => {
    // The IV is internal; a ciphertext made with an explicit key/IV must decrypt.
    const cipher = new MessageCipher('A'.repeat(43), 'wx');
    expect(cipher.decrypt(cipher.encrypt('x'))).toBe('x');
    expect(
      Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=', 'base64').subarray(0, 16).toString('hex'),
    ).toBe('69b71d79f8218a39259a7a29aabb2dba');
  });
});

describe('MessageCipher: refusals', () => {
  it('refuses a bad EncodingAESKey with -40004', () => {
    expect(cryptoCode(() => new MessageCipher('short', 'wx'))).toBe(-40004);
    expect(cryptoCode(() => new MessageCipher(`${'a'.repeat(42)}=`, 'wx'))).toBe(-40004);
    expect(cryptoCode(() => new MessageCipher('a'.repeat(44), 'wx'))).toBe(-40004);
    expect(cryptoCode(() => new MessageCipher('', 'wx'))).toBe(-40004);
  });

  it('refuses a ciphertext made for another AppID/CorpID with -40005', () => {
    const other = new MessageCipher(V3.encodingAesKey, 'wx0000000000000000');
    expect(cryptoCode(() => other.decrypt(V3.encrypt))).toBe(-40005);
    expect(new MessageCipher(V3.encodingAesKey, 'x').decryptWithReceiveId(V3.encrypt)).toEqual({
      message: V3.message,
      receiveId: V3.appId,
    });
  });

  it('refuses text that is not Base64 with -40010', () => {
    const cipher = new MessageCipher(V3.encodingAesKey, V3.appId);
    expect(cryptoCode(() => cipher.decrypt('not base64!'))).toBe(-40010);
    expect(cryptoCode(() => cipher.decrypt(''))).toBe(-40010);
    expect(cryptoCode(() => cipher.decrypt(V3.encrypt.replace(/\+/g, ' ')))).toBe(-40010);
  });

  it('refuses a ciphertext that is not whole AES blocks with -40007', () => {
    const cipher = new MessageCipher(V3.encodingAesKey, V3.appId);
    expect(cryptoCode(() => cipher.decrypt(Buffer.alloc(20).toString('base64')))).toBe(-40007);
  });

  it('refuses a ciphertext under another key with an illegal-buffer or receive-id error', () => {
    const stranger = new MessageCipher(generateEncodingAesKey(), V3.appId);
    expect([-40008, -40005]).toContain(cryptoCode(() => stranger.decrypt(V3.encrypt)));
  });

  it('refuses a ciphertext with one byte changed in the last two blocks', () => {
    const cipher = new MessageCipher(V4.encodingAesKey, V4.receiveId);
    const data = Buffer.from(V4.encrypt.encrypt, 'base64');
    // Changing block n garbles block n and flips one byte of block n+1: the length field, the receive
    // id or the padding are hit whenever the change is in the last two blocks (CBC has no integrity:
    // msg_signature is what protects the rest).
    for (let i = data.length - 64; i < data.length; i++) {
      const altered = Buffer.from(data);
      altered[i] ^= 0x01;
      expect([-40005, -40008]).toContain(cryptoCode(() => cipher.decrypt(altered.toString('base64'))));
    }
  });
});

describe('MessageCipher: round trips (property)', () => {
  it('decrypts what it encrypts for any UTF-8 text, Chinese and emoji included', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({
        unit: fc.constantFrom('我', '是', '中', '文', '😀', '👍🏽', 'a', '\n', ']]>'),
        maxLength: 100,
      }),
    );
    fc.assert(
      fc.property(text, fc.uint8Array({ minLength: 16, maxLength: 16 }), (message, random) => {
        const cipher = new MessageCipher(V3.encodingAesKey, V3.appId);
        const encrypted = cipher.encrypt(message, Buffer.from(random));
        expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
        expect(cipher.decrypt(encrypted)).toBe(message);
      }),
      { numRuns: 200 },
    );
  });

  it('pads to 32-byte blocks, adding a full block when already aligned', () => {
    const cipher = new MessageCipher(V3.encodingAesKey, '');
    // 16 random + 4 length + 12 message = 32 bytes: a whole extra block of padding.
    expect(Buffer.from(cipher.encrypt('x'.repeat(12)), 'base64').length).toBe(64);
    expect(Buffer.from(cipher.encrypt('x'.repeat(11)), 'base64').length).toBe(32);
    expect(cipher.decrypt(cipher.encrypt('x'.repeat(12)))).toBe('x'.repeat(12));
  });
});

describe('key and token generators', () => {
  it('generates valid EncodingAESKeys', () => {
    for (let i = 0; i < 50; i++) {
      const key = generateEncodingAesKey();
      expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
      expect(() => new MessageCipher(key, 'wx')).not.toThrow();
    }
    expect(generateEncodingAesKey()).not.toBe(generateEncodingAesKey());
  });

  it('generates callback tokens of 3..32 letters and digits', () => {
    expect(generateCallbackToken()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(generateCallbackToken(3)).toMatch(/^[A-Za-z0-9]{3}$/);
    expect(() => generateCallbackToken(2)).toThrow(RangeError);
    expect(() => generateCallbackToken(33)).toThrow(RangeError);
  });
});
