import {
  appendEncryptElement,
  encryptedReplyEnvelope,
  nowSeconds,
  randomNonce,
  type EnvelopeOptions,
} from './callback-envelope.js';
import { WechatCryptoCode, WechatCryptoError, WechatSignatureError, WechatXmlError } from './errors.js';
import { MessageCipher } from './message-cipher.js';
import { toOaMessage, parseOaMessage, type OaInboundMessage } from './oa-inbound.js';
import { msgSignature, oaSignature, verifyMsgSignature, verifyOaSignature } from './signature.js';
import { buildXml, parseXmlDocument, type ParseXmlOptions } from './xml.js';
import { text } from './xml-fields.js';

export type EncryptionMode = 'plaintext' | 'compatible' | 'safe';

/** The query string WeChat puts on an OA callback (spec §1.2, §1.4). */
export interface OaCallbackQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
  openid?: string;
}

export interface OaChannelSecrets {
  token: string;
  appId: string;
  encodingAesKey?: string | null;
  encryptionMode: EncryptionMode;
}

export interface OpenedOaCallback {
  /** The push's plaintext XML (decrypted when it came encrypted). */
  xml: string;
  message: OaInboundMessage;
}

/** URL verification (GET): returns the `echostr` to echo as the whole response body. OA echostr is plain in every mode. */
export function verifyOaUrl(query: OaCallbackQuery, secrets: OaChannelSecrets): string {
  checkSignature(query, secrets.token);
  if (typeof query.echostr !== 'string')
    throw new WechatSignatureError('the verification request has no echostr');
  return query.echostr;
}

/**
 * Authenticates and opens a message push (POST). `signature` is always checked; an encrypted push
 * (`encrypt_type=aes` or `msg_signature`) must also match `msg_signature` and decrypt to this AppID.
 * In safe mode a push that is not encrypted is refused.
 */
export function openOaCallback(
  query: OaCallbackQuery,
  body: string,
  secrets: OaChannelSecrets,
  options?: ParseXmlOptions,
): OpenedOaCallback {
  const { timestamp, nonce } = checkSignature(query, secrets.token);
  const doc = parseXmlDocument(body, options);
  if (isEncrypted(query)) {
    const encrypt = text(doc, 'Encrypt');
    if (!encrypt) throw new WechatXmlError('missing-field', 'the encrypted push has no Encrypt');
    if (!verifyMsgSignature(secrets.token, timestamp, nonce, encrypt, query.msg_signature ?? '')) {
      throw new WechatSignatureError('msg_signature does not match the Token');
    }
    const xml = oaCipher(secrets).decrypt(encrypt);
    return { xml, message: parseOaMessage(xml, options) };
  }
  if (secrets.encryptionMode === 'safe') {
    throw new WechatSignatureError('safe mode: the push is not encrypted');
  }
  return { xml: body, message: toOaMessage(doc) };
}

/** Whether WeChat sent this push encrypted (easywechat keys off msg_signature; WeChat also sets encrypt_type=aes). */
export function isEncrypted(query: OaCallbackQuery): boolean {
  return query.encrypt_type === 'aes' || query.msg_signature !== undefined;
}

export interface SealOaCallbackOptions extends EnvelopeOptions {
  /** Recent pushes carry the sender's OpenID in the query. */
  openid?: string;
}

/**
 * What WeChat would send for this push XML in the channel's mode: the query (signature, timestamp, nonce
 * [+ openid] [+ encrypt_type=aes, msg_signature]) and the body (plaintext; compatible = plaintext fields
 * + Encrypt; safe = ToUserName + Encrypt). For the simulator and tests.
 */
export function sealOaCallback(
  xml: string,
  secrets: OaChannelSecrets,
  opts: SealOaCallbackOptions = {},
): { query: Record<string, string>; body: string } {
  const timestamp = opts.timestamp ?? nowSeconds();
  const nonce = opts.nonce ?? randomNonce();
  const query: Record<string, string> = {
    signature: oaSignature(secrets.token, timestamp, nonce),
    timestamp,
    nonce,
  };
  if (opts.openid !== undefined) query.openid = opts.openid;
  if (secrets.encryptionMode === 'plaintext') return { query, body: xml };

  const encrypt = oaCipher(secrets).encrypt(xml, opts.random);
  query.encrypt_type = 'aes';
  query.msg_signature = msgSignature(secrets.token, timestamp, nonce, encrypt);
  if (secrets.encryptionMode === 'compatible') return { query, body: appendEncryptElement(xml, encrypt) };
  const toUserName = text(parseXmlDocument(xml), 'ToUserName') ?? '';
  return { query, body: buildXml({ ToUserName: toUserName, Encrypt: encrypt }) };
}

/** The encrypted passive-reply envelope (spec §2.5) for a reply XML. */
export function encryptReply(xml: string, secrets: OaChannelSecrets, opts?: EnvelopeOptions): string {
  return encryptedReplyEnvelope(xml, secrets.token, oaCipher(secrets), opts);
}

/**
 * The body to answer a push with a passive reply: encrypted in safe mode, and in compatible mode when
 * the push came encrypted; plain otherwise. (`success` and the empty body are never encrypted.)
 */
export function sealOaReply(
  xml: string,
  query: OaCallbackQuery,
  secrets: OaChannelSecrets,
  opts?: EnvelopeOptions,
): string {
  const encrypt =
    secrets.encryptionMode === 'safe' || (secrets.encryptionMode === 'compatible' && isEncrypted(query));
  return encrypt ? encryptReply(xml, secrets, opts) : xml;
}

function checkSignature(query: OaCallbackQuery, token: string): { timestamp: string; nonce: string } {
  const { signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') {
    throw new WechatSignatureError('signature, timestamp or nonce is missing');
  }
  if (!verifyOaSignature(token, timestamp, nonce, signature)) {
    throw new WechatSignatureError('signature does not match the Token');
  }
  return { timestamp, nonce };
}

function oaCipher(secrets: OaChannelSecrets): MessageCipher {
  if (!secrets.encodingAesKey) {
    throw new WechatCryptoError(
      WechatCryptoCode.IllegalAesKey,
      'the channel has no EncodingAESKey configured',
    );
  }
  return new MessageCipher(secrets.encodingAesKey, secrets.appId);
}
