import { createHash, randomBytes, randomInt } from 'node:crypto';

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(length: number, alphabet: string = URL_SAFE): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export function randomDigits(length: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

/**
 * OpenIDs are 28 characters: `o`, a prefix shared by every follower of one account (as on WeChat,
 * where openids of one OA look alike), then random url-safe characters.
 */
export function newOpenId(appId: string): string {
  const prefix = createHash('sha1').update(appId).digest('base64url').slice(0, 5);
  return 'o' + prefix + randomChars(22);
}

/** access_tokens look like WeChat's: a number, an underscore and a long url-safe string. */
export function newAccessToken(): string {
  return `${randomInt(60, 100)}_${randomChars(130)}`;
}

export const ACCESS_TOKEN_SHAPE = /^\d{1,4}_[A-Za-z0-9_-]{32,}$/;

export function newExternalUserId(): string {
  return 'wm' + randomChars(30, ALNUM);
}

export function newOpenKfId(): string {
  return 'wk' + randomChars(30, ALNUM);
}

/** A source of unique, increasing 64-bit message ids (as decimal strings). */
export class MessageIdSource {
  private counter = randomInt(1, 1 << 20);

  next(nowSeconds: number): string {
    this.counter = (this.counter + 1) % 2 ** 31;
    return ((BigInt(nowSeconds) << 32n) | BigInt(this.counter)).toString();
  }
}

export function newNonce(): string {
  return randomDigits(10);
}

export function requestId(): string {
  return randomBytes(12).toString('hex').slice(0, 24);
}
