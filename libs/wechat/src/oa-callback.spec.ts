import { describe, expect, it } from '@jest/globals';
import { OA_PUSH } from './__tests__/oa-pushes.js';
import { V3 } from './__tests__/vectors.js';
import { WechatCryptoError, WechatSignatureError, WechatXmlError } from './errors.js';
import { MessageCipher } from './message-cipher.js';
import {
  encryptReply,
  openOaCallback,
  sealOaCallback,
  sealOaReply,
  verifyOaUrl,
  type EncryptionMode,
  type OaChannelSecrets,
} from './oa-callback.js';
import { buildOaTextReply } from './oa-passive-reply.js';
import { msgSignature, oaSignature } from './signature.js';
import { parseXmlDocument } from './xml.js';

const secrets = (encryptionMode: EncryptionMode): OaChannelSecrets => ({
  token: V3.token,
  appId: V3.appId,
  encodingAesKey: V3.encodingAesKey,
  encryptionMode,
});
const at = { timestamp: '1714037059', nonce: '486452656' };

function refusal(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof WechatSignatureError) return 'signature';
    if (error instanceof WechatCryptoError) return `crypto ${error.code}`;
    if (error instanceof WechatXmlError) return `xml ${error.reason}`;
    return `other ${String(error)}`;
  }
}

describe('verifyOaUrl (spec §1.2)', () => {
  const query = {
    signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78',
    ...at,
    echostr: '5838479218127813673',
  };
  const channel = { token: 'AAAAA', appId: 'wx1', encryptionMode: 'plaintext' as const };

  it('returns echostr exactly for the official example, in every mode', () => {
    for (const encryptionMode of ['plaintext', 'compatible', 'safe'] as const) {
      expect(verifyOaUrl(query, { ...channel, encryptionMode, encodingAesKey: V3.encodingAesKey })).toBe(
        '5838479218127813673',
      );
    }
  });

  it('refuses a wrong or missing signature, timestamp, nonce or echostr', () => {
    expect(refusal(() => verifyOaUrl({ ...query, nonce: '486452657' }, channel))).toBe('signature');
    expect(
      refusal(() => verifyOaUrl({ ...query, signature: query.signature.replace('8', '9') }, channel)),
    ).toBe('signature');
    expect(refusal(() => verifyOaUrl(query, { ...channel, token: 'AAAAB' }))).toBe('signature');
    expect(refusal(() => verifyOaUrl({ ...query, signature: undefined }, channel))).toBe('signature');
    expect(refusal(() => verifyOaUrl({ ...query, timestamp: undefined }, channel))).toBe('signature');
    expect(refusal(() => verifyOaUrl({ ...query, echostr: undefined }, channel))).toBe('signature');
  });
});

describe('OA callbacks in plaintext mode', () => {
  const channel = secrets('plaintext');

  it('seals what WeChat sends and opens it back', () => {
    const sealed = sealOaCallback(OA_PUSH.text, channel, { ...at, openid: 'oUpF8u' });
    expect(sealed).toEqual({
      query: { signature: oaSignature(V3.token, at.timestamp, at.nonce), ...at, openid: 'oUpF8u' },
      body: OA_PUSH.text,
    });
    const opened = openOaCallback(sealed.query, sealed.body, channel);
    expect(opened.xml).toBe(OA_PUSH.text);
    expect(opened.message).toMatchObject({
      type: 'text',
      content: '我的快递到哪了？😀',
      msgId: '1234567890123456789',
    });
  });

  it('refuses a push whose signature does not match', () => {
    const { query, body } = sealOaCallback(OA_PUSH.text, channel, at);
    expect(refusal(() => openOaCallback({ ...query, timestamp: '1714037060' }, body, channel))).toBe(
      'signature',
    );
    expect(refusal(() => openOaCallback(query, body, { ...channel, token: 'other' }))).toBe('signature');
    expect(refusal(() => openOaCallback({}, body, channel))).toBe('signature');
  });

  it('refuses bad XML after the signature check', () => {
    const { query } = sealOaCallback(OA_PUSH.text, channel, at);
    expect(refusal(() => openOaCallback(query, '{"not":"xml"}', channel))).toBe('xml malformed');
    expect(refusal(() => openOaCallback(query, OA_PUSH.text, channel, { maxBytes: 64 }))).toBe(
      'xml too-large',
    );
  });
});

describe('OA callbacks in safe mode', () => {
  const channel = secrets('safe');

  it('seals to ToUserName + Encrypt with encrypt_type and msg_signature, and opens it back', () => {
    const sealed = sealOaCallback(OA_PUSH.text, channel, at);
    const envelope = parseXmlDocument(sealed.body);
    expect(Object.keys(envelope)).toEqual(['ToUserName', 'Encrypt']);
    expect(envelope.ToUserName).toBe('gh_4d00ed8d6399');
    expect(sealed.query).toEqual({
      signature: oaSignature(V3.token, at.timestamp, at.nonce),
      ...at,
      encrypt_type: 'aes',
      msg_signature: msgSignature(V3.token, at.timestamp, at.nonce, envelope.Encrypt as string),
    });
    const opened = openOaCallback(sealed.query, sealed.body, channel);
    expect(opened.xml).toBe(OA_PUSH.text);
    expect(opened.message).toMatchObject({ type: 'text', content: '我的快递到哪了？😀' });
  });

  it('refuses a push that is not encrypted', () => {
    const plain = sealOaCallback(OA_PUSH.text, secrets('plaintext'), at);
    expect(refusal(() => openOaCallback(plain.query, plain.body, channel))).toBe('signature');
    // An Encrypt element alone is not enough: without msg_signature nothing authenticates it.
    const sealed = sealOaCallback(OA_PUSH.text, channel, at);
    const { msg_signature: _dropped, encrypt_type: _type, ...bare } = sealed.query;
    expect(refusal(() => openOaCallback(bare, sealed.body, channel))).toBe('signature');
  });

  it('refuses an encrypted push without Encrypt', () => {
    const sealed = sealOaCallback(OA_PUSH.text, channel, at);
    expect(
      refusal(() => openOaCallback(sealed.query, '<xml><ToUserName>gh</ToUserName></xml>', channel)),
    ).toBe('xml missing-field');
  });

  it('refuses any one-character change of the ciphertext or of msg_signature', () => {
    const sealed = sealOaCallback(OA_PUSH.text, channel, at);
    const encrypt = parseXmlDocument(sealed.body).Encrypt as string;
    for (let i = 0; i < encrypt.length - 2; i += 7) {
      const altered = encrypt.slice(0, i) + (encrypt[i] === 'A' ? 'B' : 'A') + encrypt.slice(i + 1);
      const body = sealed.body.replace(encrypt, altered);
      expect(refusal(() => openOaCallback(sealed.query, body, channel))).toBe('signature');
    }
    const signature = sealed.query.msg_signature;
    const wrong = { ...sealed.query, msg_signature: (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1) };
    expect(refusal(() => openOaCallback(wrong, sealed.body, channel))).toBe('signature');
  });

  it('refuses a push encrypted for another AppID with -40005', () => {
    const other = { ...channel, appId: 'wx0000000000000000' };
    const sealed = sealOaCallback(OA_PUSH.text, other, at);
    expect(refusal(() => openOaCallback(sealed.query, sealed.body, channel))).toBe('crypto -40005');
  });

  it('refuses to open an encrypted push when the channel has no EncodingAESKey', () => {
    const sealed = sealOaCallback(OA_PUSH.text, channel, at);
    expect(
      refusal(() => openOaCallback(sealed.query, sealed.body, { ...channel, encodingAesKey: null })),
    ).toBe('crypto -40004');
  });
});

describe('OA callbacks in compatible mode', () => {
  const channel = secrets('compatible');

  it('sends the plaintext fields plus Encrypt, and opens the encrypted copy', () => {
    const sealed = sealOaCallback(OA_PUSH.image, channel, at);
    expect(sealed.body.startsWith(OA_PUSH.image.slice(0, -'</xml>'.length))).toBe(true);
    expect(sealed.body).toMatch(/<Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/);
    expect(sealed.query.encrypt_type).toBe('aes');
    expect(openOaCallback(sealed.query, sealed.body, channel).message).toMatchObject({
      type: 'image',
      mediaId: 'media_id_img',
    });
  });

  it('trusts the encrypted copy over the plaintext fields', () => {
    const sealed = sealOaCallback(OA_PUSH.text, channel, at);
    const tampered = sealed.body.replace('我的快递到哪了？😀', 'tampered');
    expect(openOaCallback(sealed.query, tampered, channel).message).toMatchObject({
      content: '我的快递到哪了？😀',
    });
  });

  it('accepts a plaintext push (WeChat may send either while migrating)', () => {
    const plain = sealOaCallback(OA_PUSH.text, secrets('plaintext'), at);
    expect(openOaCallback(plain.query, plain.body, channel).message.type).toBe('text');
  });
});

describe('encrypted passive replies (spec §2.5)', () => {
  it('reproduces V3: Encrypt and MsgSignature of the fixed-random sample', () => {
    const envelope = encryptReply(V3.message, secrets('safe'), {
      timestamp: V3.timestamp,
      nonce: V3.nonce,
      random: Buffer.from(V3.random),
    });
    expect(envelope).toBe(
      `<xml><Encrypt><![CDATA[${V3.encrypt}]]></Encrypt><MsgSignature><![CDATA[${V3.msgSignature}]]></MsgSignature>` +
        `<TimeStamp>${V3.timestamp}</TimeStamp><Nonce><![CDATA[${V3.nonce}]]></Nonce></xml>`,
    );
  });

  it('encrypts replies in safe mode, in compatible mode only for encrypted pushes, never in plaintext mode', () => {
    const reply = buildOaTextReply({
      toUserName: 'o1',
      fromUserName: 'gh',
      content: '您好',
      createTime: 1714037059,
    });
    const encryptedQuery = { encrypt_type: 'aes', msg_signature: 'x' };
    expect(sealOaReply(reply, encryptedQuery, secrets('plaintext'))).toBe(reply);
    expect(sealOaReply(reply, {}, secrets('compatible'))).toBe(reply);
    for (const [mode, query] of [
      ['safe', {}],
      ['compatible', encryptedQuery],
    ] as const) {
      const body = sealOaReply(reply, query, secrets(mode), at);
      const envelope = parseXmlDocument(body);
      expect(envelope.MsgSignature).toBe(
        msgSignature(V3.token, at.timestamp, at.nonce, envelope.Encrypt as string),
      );
      expect(envelope.TimeStamp).toBe(at.timestamp);
      expect(new MessageCipher(V3.encodingAesKey, V3.appId).decrypt(envelope.Encrypt as string)).toBe(reply);
    }
  });
});
