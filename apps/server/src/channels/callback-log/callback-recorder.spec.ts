import { describe, expect, it } from '@jest/globals';
import { BODY_PREFIX_CHARS, bodyPrefix } from './callback-recorder.js';

describe('what the flight recorder keeps of a refused body', () => {
  it('keeps only a short prefix, marked as cut', () => {
    const body = `<xml>${'A'.repeat(10_000)}</xml>`;
    const prefix = bodyPrefix(body);
    expect(prefix).toHaveLength(BODY_PREFIX_CHARS + 1);
    expect(prefix.endsWith('…')).toBe(true);
    expect(bodyPrefix('<xml/>')).toBe('<xml/>');
  });

  it('makes control characters visible instead of storing them', () => {
    expect(bodyPrefix('<xml>\u0000\u001b[31m\n</xml>')).toBe('<xml>\uFFFD\uFFFD[31m\n</xml>');
  });
});
