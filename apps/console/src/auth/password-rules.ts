import { USER_LIMITS } from '#contracts';

export interface PasswordErrors {
  password?: string;
  confirmation?: string;
}

/** The server's rule (USER_LIMITS), and the two entries must match. */
export function passwordErrors(password: string, confirmation: string): PasswordErrors {
  const errors: PasswordErrors = {};
  // Counted as the server counts (UTF-16 code units), so that both always agree.
  if (password.length < USER_LIMITS.passwordMinChars)
    errors.password = `At least ${USER_LIMITS.passwordMinChars} characters`;
  else if (password.length > USER_LIMITS.passwordMaxChars)
    errors.password = `At most ${USER_LIMITS.passwordMaxChars} characters`;
  if (!errors.password && confirmation !== password)
    errors.confirmation = 'The two passwords are not the same';
  return errors;
}

/** `#/invite/<token>`: the token, or null when the address is not an invitation. */
export function invitationTokenOf(hash: string): string | null {
  const match = /^#\/invite\/([^/?#]+)$/.exec(hash);
  return match ? decodeURIComponent(match[1]) : null;
}
