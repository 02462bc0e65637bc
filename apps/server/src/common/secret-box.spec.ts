import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SecretBox, maskSecret } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('AppSecret-1234567890', 'channel-a');
    expect(sealed).not.toContain('AppSecret');
    expect(box.open(sealed, 'channel-a')).toBe('AppSecret-1234567890');
  });

  it('refuses a sealed value moved to another row, or tampered with', () => {
    const sealed = box.seal('secret', 'channel-a');
    expect(() => box.open(sealed, 'channel-b')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64');
    body[0] ^= 1;
    parts[3] = body.toString('base64');
    expect(() => box.open(parts.join('.'), 'channel-a')).toThrow();
  });

  it('does not open with another master key', () => {
    expect(() => new SecretBox(randomBytes(32)).open(box.seal('x', 'c'), 'c')).toThrow();
  });

  it('masks secrets down to their last four characters', () => {
    expect(maskSecret('0123456789abcdef0123456789abcdef')).toBe('••••cdef');
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret(null)).toBeNull();
  });
});
