import { USER_LIMITS, type InvitationPreview } from '#contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { acceptInvitation, previewInvitation } from '../api/account-api';
import { ApiError, errorMessage, isAbort } from '../api/api-error';
import { BrandMark } from '../ui/BrandMark';
import { Spinner } from '../ui/Spinner';
import { formatFullTime } from '../ui/time-format';
import { Field } from '../admin/form/Field';
import { passwordErrors, type PasswordErrors } from './password-rules';
import { saveSession, type Session } from './session';

type Link =
  | { state: 'checking' }
  | { state: 'live'; preview: InvitationPreview }
  /** Used, replaced, expired: the server's words. */
  | { state: 'gone'; message: string }
  | { state: 'unreachable'; message: string };

interface InvitationPageProps {
  token: string;
  /** Someone already signed in in this tab: accepting signs in as the invited person instead. */
  signedInAs: string | null;
  onSignedIn(session: Session): void;
}

/** `#/invite/<token>`, reachable signed out: the invited person chooses a password and is signed in. */
export function InvitationPage({ token, signedInAs, onSignedIn }: InvitationPageProps) {
  const [link, setLink] = useState<Link>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [show, setShow] = useState(false);
  const [shown, setShown] = useState<PasswordErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Choose your password · WeChat Support Desk';
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLink({ state: 'checking' });
    previewInvitation(token, controller.signal)
      .then((preview) => setLink({ state: 'live', preview }))
      .catch((failure: unknown) => {
        if (isAbort(failure)) return;
        const gone = failure instanceof ApiError && failure.status === 404;
        setLink({ state: gone ? 'gone' : 'unreachable', message: errorMessage(failure) });
      });
    return () => controller.abort();
  }, [token, attempt]);

  useEffect(() => {
    if (link.state === 'live') passwordInput.current?.focus();
  }, [link.state]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const errors = passwordErrors(password, confirmation);
    setShown(errors);
    if (errors.password || errors.confirmation) {
      document
        .querySelector<HTMLElement>(`[data-field="${errors.password ? 'password' : 'confirmation'}"]`)
        ?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const session = saveSession(await acceptInvitation({ token, password }));
      // The token is spent: keep it out of the address bar and the history.
      window.location.replace('#/open');
      onSignedIn(session);
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError && failure.status === 404) {
        setLink({ state: 'gone', message: failure.message });
      } else {
        setError(errorMessage(failure));
      }
    }
  }

  const signIn = (
    <a className="button button--secondary button--block" href="#/">
      Go to sign in
    </a>
  );
  return (
    <div className="login">
      <main className="login__card">
        <div className="login__brand">
          <BrandMark size={40} />
          <div>
            <h1 className="login__title">Welcome to WeChat Support Desk</h1>
            <p className="login__subtitle">Choose a password to finish setting up your account</p>
          </div>
        </div>

        {link.state === 'checking' && <Spinner label="Checking your invitation…" />}
        {link.state === 'gone' && (
          <>
            <div className="callout callout--error" role="alert">
              <p className="callout__title">This link cannot be used</p>
              <p>{link.message}</p>
            </div>
            <p className="login__subtitle">
              A link works once and for 7 days; a newer link replaces it. If you already chose your password,
              sign in with it.
            </p>
            {signIn}
          </>
        )}
        {link.state === 'unreachable' && (
          <>
            <p className="callout callout--error" role="alert">
              {link.message}
            </p>
            <button
              type="button"
              className="button button--primary button--block"
              onClick={() => setAttempt((n) => n + 1)}
            >
              Try again
            </button>
          </>
        )}
        {link.state === 'live' && (
          <form className="login__form" onSubmit={(event) => void submit(event)} noValidate>
            <p className="invitation__who">
              Hello {link.preview.name}. You will sign in as <strong>{link.preview.email}</strong>. This link
              works until {formatFullTime(link.preview.expiresAt)}.
            </p>
            {signedInAs && (
              <p className="callout callout--info" role="note">
                This tab is signed in as {signedInAs}. Choosing the password signs you in as{' '}
                {link.preview.email} instead.
              </p>
            )}
            {error && (
              <p className="callout callout--error" role="alert">
                {error}
              </p>
            )}
            <Field
              label="New password"
              hint={`At least ${USER_LIMITS.passwordMinChars} characters.`}
              error={shown.password}
            >
              {(control) => (
                <div className="field__with-action">
                  <input
                    {...control}
                    ref={passwordInput}
                    data-field="password"
                    type={show ? 'text' : 'password'}
                    autoComplete="new-password"
                    maxLength={USER_LIMITS.passwordMaxChars}
                    value={password}
                    onChange={(event) => setPassword(event.target.value)}
                  />
                  <button
                    type="button"
                    className="field__action"
                    aria-pressed={show}
                    onClick={() => setShow((value) => !value)}
                  >
                    {show ? 'Hide' : 'Show'}
                    <span className="visually-hidden"> passwords</span>
                  </button>
                </div>
              )}
            </Field>
            <Field label="Repeat the password" error={shown.confirmation}>
              {(control) => (
                <input
                  {...control}
                  data-field="confirmation"
                  type={show ? 'text' : 'password'}
                  autoComplete="new-password"
                  maxLength={USER_LIMITS.passwordMaxChars}
                  value={confirmation}
                  onChange={(event) => setConfirmation(event.target.value)}
                />
              )}
            </Field>
            {/* For password managers: which account this password belongs to. */}
            <input
              type="email"
              autoComplete="username"
              value={link.preview.email}
              readOnly
              hidden
              aria-hidden="true"
            />
            <button type="submit" className="button button--primary button--block" disabled={submitting}>
              {submitting ? 'Signing in…' : 'Set password and sign in'}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
