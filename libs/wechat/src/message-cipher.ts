import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { WechatCryptoCode as Code, WechatCryptoError } from './errors.js';

const BLOCK = 32;
const AES_BLOCK = 16;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const HEADER = RANDOM_BYTES + LENGTH_BYTES;
const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * WeChat's message encryption (spec §2.2, §2.3): AES-256-CBC, IV = key[0:16], no library padding but a
 * manual PKCS#7 to 32-byte blocks, plaintext = random(16) | uint32be(len) | msg | receiveId.
 */
export class MessageCipher {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly receiveId: Buffer;

  constructor(encodingAesKey: string, receiveId: string) {
    if (typeof encodingAesKey !== 'string' || !ENCODING_AES_KEY.test(encodingAesKey)) {
      throw new WechatCryptoError(Code.IllegalAesKey, 'EncodingAESKey must be 43 letters and digits');
    }
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) {
      throw new WechatCryptoError(Code.IllegalAesKey, 'EncodingAESKey does not decode to 32 bytes');
    }
    this.iv = this.key.subarray(0, 16);
    this.receiveId = Buffer.from(receiveId, 'utf8');
  }

  /** Returns the Base64 ciphertext. `random` (16 bytes) is only for reproducing published vectors. */
  encrypt(message: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
    if (random.length !== RANDOM_BYTES) {
      throw new WechatCryptoError(Code.EncryptAes, `the random prefix must be ${RANDOM_BYTES} bytes`);
    }
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, length, body, this.receiveId]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
  }

  /** Decrypts and checks the receive id (AppID / CorpID); throws WechatCryptoError. */
  decrypt(encrypted: string): string {
    const { message, receiveId } = this.open(encrypted);
    if (!receiveId.equals(this.receiveId)) {
      throw new WechatCryptoError(Code.ValidateReceiveId, 'the message was encrypted for another receive id');
    }
    return message;
  }

  /** Decrypts without checking the receive id, for callers that accept several (suite callbacks). */
  decryptWithReceiveId(encrypted: string): { message: string; receiveId: string } {
    const { message, receiveId } = this.open(encrypted);
    return { message, receiveId: receiveId.toString('utf8') };
  }

  private open(encrypted: string): { message: string; receiveId: Buffer } {
    if (typeof encrypted !== 'string' || encrypted.length === 0 || !BASE64.test(encrypted)) {
      throw new WechatCryptoError(Code.DecodeBase64, 'the ciphertext is not valid Base64');
    }
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % AES_BLOCK !== 0) {
      throw new WechatCryptoError(
        Code.DecryptAes,
        'the ciphertext length is not a multiple of the AES block',
      );
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new WechatCryptoError(Code.DecryptAes, 'AES decryption failed');
    }
    const pad = plain[plain.length - 1];
    // Official decoders treat a last byte outside 1..32 as "no padding"; this one refuses it as garbage.
    if (pad < 1 || pad > BLOCK || !plain.subarray(plain.length - pad).every((byte) => byte === pad)) {
      throw new WechatCryptoError(Code.IllegalBuffer, 'the decrypted padding is invalid');
    }
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < HEADER) {
      throw new WechatCryptoError(Code.IllegalBuffer, 'the decrypted message is too short');
    }
    const length = content.readUInt32BE(RANDOM_BYTES);
    if (HEADER + length > content.length) {
      throw new WechatCryptoError(Code.IllegalBuffer, 'the decrypted length field exceeds the message');
    }
    let message: string;
    try {
      message = utf8.decode(content.subarray(HEADER, HEADER + length));
    } catch {
      throw new WechatCryptoError(Code.IllegalBuffer, 'the decrypted message is not valid UTF-8');
    }
    return { message, receiveId: content.subarray(HEADER + length) };
  }
}

/** A fresh EncodingAESKey: 43 random letters and digits (every such string is a valid key). */
export function generateEncodingAesKey(): string {
  return randomAlphanumeric(43);
}

/** A fresh callback Token: random letters and digits, 3..32 long (spec §1.1). */
export function generateCallbackToken(length = 32): string {
  if (!Number.isInteger(length) || length < 3 || length > 32) {
    throw new RangeError('a callback token must be 3 to 32 characters long');
  }
  return randomAlphanumeric(length);
}

function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}
