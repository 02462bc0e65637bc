import {
  encryptedReplyEnvelope,
  nowSeconds,
  randomNonce,
  type EnvelopeOptions,
} from './callback-envelope.js';
import { WechatSignatureError, WechatXmlError } from './errors.js';
import { MessageCipher } from './message-cipher.js';
import { msgSignature, verifyMsgSignature } from './signature.js';
import { buildXml, parseXmlDocument, type ParseXmlOptions } from './xml.js';
import { numberOf, text } from './xml-fields.js';

export interface WecomCallbackSecrets {
  token: string;
  encodingAesKey: string;
  /** The receive id: CorpID for self-built apps and kf (SuiteID for suite command callbacks). */
  corpId: string;
}

export interface WecomCallbackQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/** The kf doorbell (spec §6.3): no content, only the short-lived token to pull with kf/sync_msg. */
export interface WecomKfMsgOrEvent {
  type: 'kf_msg_or_event';
  /** Pass to kf/sync_msg; valid 10 minutes. */
  token: string;
  openKfId: string;
  /** Unix seconds; 0 when missing. */
  createTime: number;
  toUserName: string;
  raw: Record<string, unknown>;
}

/** Any other WeCom callback (app messages, contact changes…), kept as parsed. */
export interface WecomOtherCallback {
  type: 'other';
  msgType?: string;
  event?: string;
  raw: Record<string, unknown>;
}

export type WecomCallbackEvent = WecomKfMsgOrEvent | WecomOtherCallback;

/**
 * URL verification (GET): checks msg_signature over echostr and returns the decrypted echostr, the
 * whole response body (WeCom wants it within 1 second). A `+` that a framework turned into a space is restored.
 */
export function verifyWecomUrl(query: WecomCallbackQuery, secrets: WecomCallbackSecrets): string {
  if (typeof query.echostr !== 'string' || query.echostr === '') {
    throw new WechatSignatureError('the verification request has no echostr');
  }
  const echostr = query.echostr.replaceAll(' ', '+');
  checkMsgSignature(query, secrets.token, echostr);
  return cipherOf(secrets).decrypt(echostr);
}

/** Authenticates, decrypts (receive id = CorpID) and reads a WeCom callback POST. */
export function openWecomCallback(
  query: WecomCallbackQuery,
  body: string,
  secrets: WecomCallbackSecrets,
  options?: ParseXmlOptions,
): { xml: string; event: WecomCallbackEvent } {
  const outer = parseXmlDocument(body, options);
  const encrypt = text(outer, 'Encrypt');
  if (!encrypt) throw new WechatXmlError('missing-field', 'the callback has no Encrypt');
  checkMsgSignature(query, secrets.token, encrypt);
  const xml = cipherOf(secrets).decrypt(encrypt);
  return { xml, event: toWecomCallbackEvent(parseXmlDocument(xml, options)) };
}

export function toWecomCallbackEvent(doc: Record<string, unknown>): WecomCallbackEvent {
  const msgType = text(doc, 'MsgType');
  const event = text(doc, 'Event');
  if (msgType === 'event' && event === 'kf_msg_or_event') {
    const token = text(doc, 'Token');
    const openKfId = text(doc, 'OpenKfId');
    if (!token) throw new WechatXmlError('missing-field', 'kf_msg_or_event has no Token');
    if (!openKfId) throw new WechatXmlError('missing-field', 'kf_msg_or_event has no OpenKfId');
    return {
      type: 'kf_msg_or_event',
      token,
      openKfId,
      createTime: numberOf(text(doc, 'CreateTime')) ?? 0,
      toUserName: text(doc, 'ToUserName') ?? '',
      raw: doc,
    };
  }
  return {
    type: 'other',
    ...(msgType === undefined ? {} : { msgType }),
    ...(event === undefined ? {} : { event }),
    raw: doc,
  };
}

export interface SealWecomCallbackOptions extends EnvelopeOptions {
  /** `<AgentID>` of the envelope; left out when not given (kf callbacks may carry it empty). */
  agentId?: string;
}

/** What WeCom would POST for this XML: query (msg_signature, timestamp, nonce) and the encrypted envelope. */
export function sealWecomCallback(
  xml: string,
  secrets: WecomCallbackSecrets,
  opts: SealWecomCallbackOptions = {},
): { query: Record<string, string>; body: string } {
  const timestamp = opts.timestamp ?? nowSeconds();
  const nonce = opts.nonce ?? randomNonce();
  const encrypt = cipherOf(secrets).encrypt(xml, opts.random);
  return {
    query: { msg_signature: msgSignature(secrets.token, timestamp, nonce, encrypt), timestamp, nonce },
    body: buildXml({
      ToUserName: secrets.corpId,
      Encrypt: encrypt,
      ...(opts.agentId === undefined ? {} : { AgentID: opts.agentId }),
    }),
  };
}

/** What WeCom would send to verify the URL: the encrypted, signed echostr. */
export function sealWecomUrlVerification(
  plain: string,
  secrets: WecomCallbackSecrets,
  opts: EnvelopeOptions = {},
): Record<string, string> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const nonce = opts.nonce ?? randomNonce();
  const echostr = cipherOf(secrets).encrypt(plain, opts.random);
  return { msg_signature: msgSignature(secrets.token, timestamp, nonce, echostr), timestamp, nonce, echostr };
}

/** The encrypted passive reply for a WeCom callback (rarely needed: kf replies go through kf/send_msg). */
export function encryptWecomReply(
  xml: string,
  secrets: WecomCallbackSecrets,
  opts?: EnvelopeOptions,
): string {
  return encryptedReplyEnvelope(xml, secrets.token, cipherOf(secrets), opts);
}

function checkMsgSignature(query: WecomCallbackQuery, token: string, encrypt: string): void {
  const { msg_signature: signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') {
    throw new WechatSignatureError('msg_signature, timestamp or nonce is missing');
  }
  if (!verifyMsgSignature(token, timestamp, nonce, encrypt, signature)) {
    throw new WechatSignatureError('msg_signature does not match the Token');
  }
}

function cipherOf(secrets: WecomCallbackSecrets): MessageCipher {
  return new MessageCipher(secrets.encodingAesKey, secrets.corpId);
}
