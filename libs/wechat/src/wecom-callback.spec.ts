import { describe, expect, it } from '@jest/globals';
import { V2, V4 } from './__tests__/vectors.js';
import { WechatCryptoError, WechatSignatureError, WechatXmlError } from './errors.js';
import { MessageCipher } from './message-cipher.js';
import { msgSignature } from './signature.js';
import {
  encryptWecomReply,
  openWecomCallback,
  sealWecomCallback,
  sealWecomUrlVerification,
  verifyWecomUrl,
} from './wecom-callback.js';
import { buildXml, parseXmlDocument } from './xml.js';

const v2 = { token: V2.token, encodingAesKey: V2.encodingAesKey, corpId: V2.receiveId };
const v4 = { token: V4.token, encodingAesKey: V4.encodingAesKey, corpId: V4.receiveId };
const corp = { token: 'kfToken', encodingAesKey: V4.encodingAesKey, corpId: 'ww1234567890abcdef' };
const at = { timestamp: '1409659589', nonce: '263014780' };

const KF_EVENT =
  '<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><CreateTime>1348831860</CreateTime>' +
  '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event>' +
  '<Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token>' +
  '<OpenKfId><![CDATA[wkxxxxxxxxxxxxxxxxxx]]></OpenKfId></xml>';

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

describe('verifyWecomUrl (spec §6.2)', () => {
  it('V2: verifies and decrypts the echostr', () => {
    const query = {
      msg_signature: V2.get.msgSignature,
      timestamp: V2.get.timestamp,
      nonce: V2.get.nonce,
      echostr: V2.get.echostr,
    };
    expect(verifyWecomUrl(query, v2)).toBe(V2.get.plain);
  });

  it('V2: works from the URL-encoded query, and when a framework turned "+" into spaces', () => {
    const raw =
      'msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=' +
      encodeURIComponent(V2.get.echostr);
    expect(raw).toContain('xho%2FqYX3');
    const query = Object.fromEntries(new URLSearchParams(raw));
    expect(verifyWecomUrl(query, v2)).toBe(V2.get.plain);
    expect(verifyWecomUrl({ ...query, echostr: V2.get.echostr.replaceAll('+', ' ') }, v2)).toBe(V2.get.plain);
  });

  it('V4: verifies and decrypts the echostr', () => {
    const { echo } = V4;
    expect(
      verifyWecomUrl(
        {
          msg_signature: echo.msgSignature,
          timestamp: echo.timestamp,
          nonce: echo.nonce,
          echostr: echo.echostr,
        },
        v4,
      ),
    ).toBe(echo.plain);
  });

  it('refuses a wrong signature, a wrong CorpID and a missing echostr', () => {
    const { echo } = V4;
    const query = {
      msg_signature: echo.msgSignature,
      timestamp: echo.timestamp,
      nonce: '437374424',
      echostr: echo.echostr,
    };
    expect(refusal(() => verifyWecomUrl(query, v4))).toBe('signature');
    const good = { ...query, nonce: echo.nonce };
    expect(refusal(() => verifyWecomUrl(good, { ...v4, corpId: 'ww_other' }))).toBe('crypto -40005');
    expect(refusal(() => verifyWecomUrl({ ...good, echostr: '' }, v4))).toBe('signature');
  });

  it('round-trips with sealWecomUrlVerification', () => {
    expect(verifyWecomUrl(sealWecomUrlVerification('echo-123', corp, at), corp)).toBe('echo-123');
  });
});

describe('openWecomCallback', () => {
  it('V2: opens the classic POST vector as an "other" callback (an app text message)', () => {
    const body = buildXml({ ToUserName: V2.receiveId, Encrypt: V2.post.encrypt, AgentID: '218' });
    const opened = openWecomCallback(
      { msg_signature: V2.post.msgSignature, timestamp: V2.post.timestamp, nonce: V2.post.nonce },
      body,
      v2,
    );
    expect(opened.event).toMatchObject({
      type: 'other',
      msgType: 'text',
      raw: { FromUserName: 'mycreate', Content: 'hello', MsgId: '4561255354251345929', AgentID: '218' },
    });
  });

  it('V4: opens the wechatpy decrypt vector', () => {
    const { decrypt } = V4;
    const opened = openWecomCallback(
      { msg_signature: decrypt.msgSignature, timestamp: decrypt.timestamp, nonce: decrypt.nonce },
      decrypt.body,
      v4,
    );
    expect(opened.event).toMatchObject({ type: 'other', raw: { Content: 'test', FromUserName: 'messense' } });
  });

  it('reads kf_msg_or_event as the doorbell with its token and open_kfid', () => {
    const sealed = sealWecomCallback(KF_EVENT, corp, at);
    expect(sealed.query).toEqual({ ...at, msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const envelope = parseXmlDocument(sealed.body);
    expect(Object.keys(envelope)).toEqual(['ToUserName', 'Encrypt']);
    expect(envelope.ToUserName).toBe(corp.corpId);
    const opened = openWecomCallback(sealed.query, sealed.body, corp);
    expect(opened.xml).toBe(KF_EVENT);
    expect(opened.event).toEqual({
      type: 'kf_msg_or_event',
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      openKfId: 'wkxxxxxxxxxxxxxxxxxx',
      createTime: 1348831860,
      toUserName: 'ww1234567890abcdef',
      raw: expect.objectContaining({ Event: 'kf_msg_or_event' }),
    });
  });

  it('includes AgentID when asked', () => {
    const sealed = sealWecomCallback(KF_EVENT, corp, { ...at, agentId: '' });
    expect(Object.keys(parseXmlDocument(sealed.body))).toEqual(['ToUserName', 'Encrypt', 'AgentID']);
  });

  it('refuses a changed ciphertext, a changed signature, another corp and a missing Encrypt', () => {
    const sealed = sealWecomCallback(KF_EVENT, corp, at);
    const encrypt = parseXmlDocument(sealed.body).Encrypt as string;
    const altered = sealed.body.replace(
      encrypt,
      encrypt.slice(0, 5) + (encrypt[5] === 'A' ? 'B' : 'A') + encrypt.slice(6),
    );
    expect(refusal(() => openWecomCallback(sealed.query, altered, corp))).toBe('signature');
    expect(
      refusal(() => openWecomCallback({ ...sealed.query, msg_signature: '0'.repeat(40) }, sealed.body, corp)),
    ).toBe('signature');
    expect(
      refusal(() => openWecomCallback({ timestamp: at.timestamp, nonce: at.nonce }, sealed.body, corp)),
    ).toBe('signature');
    expect(refusal(() => openWecomCallback(sealed.query, sealed.body, { ...corp, corpId: 'ww_other' }))).toBe(
      'crypto -40005',
    );
    expect(
      refusal(() => openWecomCallback(sealed.query, '<xml><ToUserName>x</ToUserName></xml>', corp)),
    ).toBe('xml missing-field');
  });

  it('refuses a kf_msg_or_event without Token', () => {
    const sealed = sealWecomCallback(KF_EVENT.replace(/<Token>.*<\/Token>/, ''), corp, at);
    expect(refusal(() => openWecomCallback(sealed.query, sealed.body, corp))).toBe('xml missing-field');
  });
});

describe('encryptWecomReply', () => {
  it('V4: reproduces the wechatpy encrypted reply byte-exact', () => {
    const { encrypt } = V4;
    const envelope = encryptWecomReply(encrypt.reply, v4, {
      timestamp: encrypt.timestamp,
      nonce: encrypt.nonce,
      random: Buffer.from(encrypt.random),
    });
    expect(parseXmlDocument(envelope)).toEqual({
      Encrypt: encrypt.encrypt,
      MsgSignature: encrypt.msgSignature,
      TimeStamp: encrypt.timestamp,
      Nonce: encrypt.nonce,
    });
    expect(msgSignature(v4.token, encrypt.timestamp, encrypt.nonce, encrypt.encrypt)).toBe(
      encrypt.msgSignature,
    );
    expect(new MessageCipher(v4.encodingAesKey, v4.corpId).decrypt(encrypt.encrypt)).toBe(encrypt.reply);
  });
});
