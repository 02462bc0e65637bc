/**
 * The only place the simulator touches the protocol library: signatures, message crypto and XML all
 * come from #wechat, so the simulator and the server can never disagree about them silently.
 */
import {
  MessageCipher,
  buildXml,
  msgSignature,
  oaSignature,
  parseXmlDocument,
  sealOaCallback,
  sealWecomCallback,
  sealWecomUrlVerification,
} from '#wechat';
import type { OaAccount } from './oa/oa-model.js';
import type { WecomCorp } from './wecom/wecom-model.js';

export interface SealedPush {
  query: Record<string, string>;
  body: string;
}

/** A field value of a push: strings become CDATA, numbers and bigints are written bare. */
export type PushFieldValue = string | number | bigint;

/**
 * The XML of one push, fields in the given order, as WeChat writes it. 64-bit ids (MsgId) do not fit
 * a JS number, so they come as bigint and are written bare after the other fields, as WeChat does.
 */
export function buildPushXml(fields: Array<[string, PushFieldValue]>): string {
  const firstBig = fields.findIndex(([, value]) => typeof value === 'bigint');
  const head = firstBig < 0 ? fields : fields.slice(0, firstBig);
  const tail = firstBig < 0 ? [] : fields.slice(firstBig);
  const xml = buildXml(Object.fromEntries(head) as Record<string, string | number>);
  if (tail.length === 0) return xml;
  if (tail.some(([, value]) => typeof value !== 'bigint'))
    throw new TypeError('bigint fields must come last');
  const bare = tail.map(([name, value]) => `<${name}>${String(value)}</${name}>`).join('');
  return `${xml.slice(0, -'</xml>'.length)}${bare}</xml>`;
}

export function sealOaPush(
  xml: string,
  account: OaAccount,
  opts: { timestamp: string; nonce: string; openid: string },
): SealedPush {
  const sealed = sealOaCallback(
    xml,
    {
      token: account.token,
      appId: account.appId,
      encodingAesKey: account.encodingAesKey ?? '',
      encryptionMode: account.encryptionMode,
    },
    opts,
  );
  return sealed;
}

export function oaUrlSignature(token: string, timestamp: string, nonce: string): string {
  return oaSignature(token, timestamp, nonce);
}

export function sealWecomPush(
  xml: string,
  corp: WecomCorp,
  opts: { timestamp: string; nonce: string },
): SealedPush {
  const sealed = sealWecomCallback(
    xml,
    { token: corp.token, encodingAesKey: corp.encodingAesKey, corpId: corp.corpId },
    opts,
  );
  return sealed;
}

/** The query of WeCom's URL check: echostr is the encrypted `plain`, signed with msg_signature. */
export function encryptWecomEchostr(
  plain: string,
  corp: WecomCorp,
  opts: { timestamp: string; nonce: string },
): Record<string, string> {
  return sealWecomUrlVerification(
    plain,
    { token: corp.token, encodingAesKey: corp.encodingAesKey, corpId: corp.corpId },
    opts,
  );
}

export type OpenedReply = { ok: true; fields: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Reads the server's passive reply: plain XML in plaintext mode, an encrypted envelope in safe mode,
 * either in compatible mode. Encrypted replies must carry a valid MsgSignature and decrypt to the appId.
 */
export function openOaReply(body: string, account: OaAccount): OpenedReply {
  let doc: Record<string, unknown>;
  try {
    doc = parseXmlDocument(body);
  } catch (error) {
    return {
      ok: false,
      reason: `reply is not XML: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const encrypt = doc.Encrypt;
  if (typeof encrypt !== 'string') {
    if (account.encryptionMode === 'safe')
      return { ok: false, reason: 'safe mode: reply XML must be encrypted' };
    return { ok: true, fields: doc };
  }
  if (account.encryptionMode === 'plaintext')
    return { ok: false, reason: 'plaintext mode: reply must not be encrypted' };
  const { MsgSignature, TimeStamp, Nonce } = doc;
  if (typeof MsgSignature !== 'string' || typeof TimeStamp !== 'string' || typeof Nonce !== 'string') {
    return { ok: false, reason: 'encrypted reply without MsgSignature/TimeStamp/Nonce' };
  }
  if (msgSignature(account.token, TimeStamp, Nonce, encrypt) !== MsgSignature) {
    return { ok: false, reason: 'encrypted reply MsgSignature does not match' };
  }
  try {
    const plain = new MessageCipher(account.encodingAesKey ?? '', account.appId).decrypt(encrypt);
    return { ok: true, fields: parseXmlDocument(plain) };
  } catch (error) {
    return {
      ok: false,
      reason: `encrypted reply does not decrypt: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
