import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { login } from '../api/desk-api';
import { BrandMark } from '../ui/BrandMark';
import { saveSession, type Session } from './session';

interface LoginPageProps {
  /** Why the agent is back here, e.g. their session ended. */
  notice: string | null;
  onSignedIn(session: Session): void;
}

export function LoginPage({ notice, onSignedIn }: LoginPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The credentials themselves were refused (not, say, a rate limit or a network failure). */
  const [refused, setRefused] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    document.title = 'Sign in · WeChat Support Desk';
    emailInput.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const response = await login({ email: email.trim(), password });
      onSignedIn(saveSession(response));
    } catch (failure) {
      setError(errorMessage(failure));
      setRefused(failure instanceof ApiError && (failure.status === 401 || failure.status === 400));
      setSubmitting(false);
      passwordInput.current?.select();
    }
  }

  return (
    <div className="login">
      <main className="login__card">
        <div className="login__brand">
          <BrandMark size={40} />
          <div>
            <h1 className="login__title">WeChat Support Desk</h1>
            <p className="login__subtitle">Sign in to answer your customers</p>
          </div>
        </div>

        {notice && !error && (
          <p className="callout callout--info" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="callout callout--error" role="alert" id={errorId}>
            {error}
          </p>
        )}

        <form className="login__form" onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input
              ref={emailInput}
              id="login-email"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-describedby={error ? errorId : undefined}
              aria-invalid={refused || undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <div className="field__with-action">
              <input
                ref={passwordInput}
                id="login-password"
                type={showPassword ? 'text' : 'password'}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                aria-describedby={error ? errorId : undefined}
                aria-invalid={refused || undefined}
              />
              <button
                type="button"
                className="field__action"
                aria-pressed={showPassword}
                onClick={() => setShowPassword((shown) => !shown)}
              >
                {showPassword ? 'Hide' : 'Show'}
                <span className="visually-hidden"> password</span>
              </button>
            </div>
          </div>
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
