import type { ChannelProblem, ChannelVerification } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';

const PROBLEM_TITLES: Record<ChannelProblem, string> = {
  'ip-not-whitelisted': 'This server is not on the IP whitelist',
  'bad-credentials': 'WeChat refused the AppID or AppSecret',
  'no-permission': 'The account lacks a permission',
  unreachable: 'WeChat could not be reached',
  unknown: 'WeChat refused the check',
};

interface VerifyInstallationProps {
  verify(): Promise<ChannelVerification>;
  /** The channel's health changed with the check: reload what shows it. */
  onChecked(): void;
}

/** "Verify installation" (issue 4 item 3): the server asks WeChat for a token and says in words what it found. */
export function VerifyInstallation({ verify, onChecked }: VerifyInstallationProps) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChannelVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verify());
      onChecked();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="verify">
      <button type="button" className="button button--primary" onClick={() => void run()} disabled={busy}>
        {busy ? 'Checking with WeChat…' : 'Verify installation'}
      </button>
      <div role="status" aria-live="polite">
        {result && (
          <div className={`callout ${result.ok ? 'callout--success' : 'callout--error'}`}>
            <p className="callout__title">
              {result.ok ? 'Installation verified' : PROBLEM_TITLES[result.problem ?? 'unknown']}
            </p>
            <p>{result.message}</p>
          </div>
        )}
        {error && <p className="callout callout--error">The check could not run: {error}</p>}
      </div>
    </div>
  );
}
