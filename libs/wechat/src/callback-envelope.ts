import { randomInt } from 'node:crypto';
import { WechatXmlError } from './errors.js';
import type { MessageCipher } from './message-cipher.js';
import { msgSignature } from './signature.js';
import { buildXml, cdata } from './xml.js';

/** Timestamp, nonce and random prefix of an outgoing envelope; defaults: now, 9 random digits, random bytes. */
export interface EnvelopeOptions {
  timestamp?: string;
  nonce?: string;
  random?: Buffer;
}

export function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

export function randomNonce(): string {
  return String(randomInt(100_000_000, 1_000_000_000));
}

/** The encrypted passive reply (spec §2.5), identical for OA and WeCom. */
export function encryptedReplyEnvelope(
  xml: string,
  token: string,
  cipher: MessageCipher,
  opts: EnvelopeOptions = {},
): string {
  const timestamp = opts.timestamp ?? nowSeconds();
  const nonce = opts.nonce ?? randomNonce();
  const encrypt = cipher.encrypt(xml, opts.random);
  return buildXml({
    Encrypt: encrypt,
    MsgSignature: msgSignature(token, timestamp, nonce, encrypt),
    TimeStamp: /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : timestamp,
    Nonce: nonce,
  });
}

/** Adds `<Encrypt>` as the last child of the root, leaving the rest of the document byte-for-byte. */
export function appendEncryptElement(xml: string, encrypt: string): string {
  const close = xml.lastIndexOf('</xml>');
  if (close < 0) throw new WechatXmlError('malformed', 'the document has no closing </xml>');
  return `${xml.slice(0, close)}<Encrypt>${cdata(encrypt)}</Encrypt>${xml.slice(close)}`;
}
