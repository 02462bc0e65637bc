import { createHash, timingSafeEqual } from 'node:crypto';

const SHA1_HEX = /^[0-9a-f]{40}$/i;

/** sha1 over the parts sorted byte-wise (UTF-8, as WeChat's own libraries sort), lowercase hex (spec §1.3, §2.4). */
export function sortedSha1(parts: readonly string[]): string {
  const sorted = parts.map((part) => Buffer.from(part, 'utf8')).sort(Buffer.compare);
  const hash = createHash('sha1');
  for (const part of sorted) hash.update(part);
  return hash.digest('hex');
}

/** The 3-field `signature` of OA URL verification and OA pushes. */
export function oaSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** The 4-field `msg_signature` over the Base64 ciphertext. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

export function verifyOaSignature(
  token: string,
  timestamp: string,
  nonce: string,
  signature: string,
): boolean {
  if (!allStrings(token, timestamp, nonce)) return false;
  return sameSignature(oaSignature(token, timestamp, nonce), signature);
}

export function verifyMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: string,
): boolean {
  if (!allStrings(token, timestamp, nonce, encrypt)) return false;
  return sameSignature(msgSignature(token, timestamp, nonce, encrypt), signature);
}

function sameSignature(expected: string, received: unknown): boolean {
  if (typeof received !== 'string' || !SHA1_HEX.test(received)) return false;
  return timingSafeEqual(Buffer.from(expected, 'ascii'), Buffer.from(received.toLowerCase(), 'ascii'));
}

// Values come straight from query strings; a repeated parameter arrives as an array, not a string.
function allStrings(...values: unknown[]): boolean {
  return values.every((value) => typeof value === 'string');
}
