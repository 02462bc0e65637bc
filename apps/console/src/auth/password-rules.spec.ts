import { describe, expect, it } from '@jest/globals';
import { invitationTokenOf, passwordErrors } from './password-rules';

describe('choosing a password', () => {
  it('needs at least 8 characters, like the server', () => {
    expect(passwordErrors('', '')).toEqual({ password: 'At least 8 characters' });
    expect(passwordErrors('seven77', 'seven77')).toEqual({ password: 'At least 8 characters' });
    expect(passwordErrors('eight888', 'eight888')).toEqual({});
    expect(passwordErrors('x'.repeat(201), 'x'.repeat(201))).toEqual({ password: 'At most 200 characters' });
  });

  it('needs the same password twice', () => {
    expect(passwordErrors('long enough', 'long enougH')).toEqual({
      confirmation: 'The two passwords are not the same',
    });
  });
});

describe('invitation addresses', () => {
  it('reads the token of #/invite/<token> only', () => {
    expect(invitationTokenOf('#/invite/abc_DEF-123')).toBe('abc_DEF-123');
    expect(invitationTokenOf('#/invite/')).toBeNull();
    expect(invitationTokenOf('#/open')).toBeNull();
    expect(invitationTokenOf('#/invite/a/b')).toBeNull();
  });
});
