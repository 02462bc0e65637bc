import { useEffect, useState } from 'react';
import type { LiveStatus } from './useLiveUpdates';

/** A first connection that takes longer than this is worth mentioning; a quick one is not. */
const CONNECTING_GRACE_MS = 3000;

export function ConnectionBanner({ status }: { status: LiveStatus }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (status !== 'connecting') return;
    const timer = window.setTimeout(() => setSlow(true), CONNECTING_GRACE_MS);
    return () => {
      window.clearTimeout(timer);
      setSlow(false);
    };
  }, [status]);

  const message =
    status === 'reconnecting'
      ? 'Reconnecting… New messages will appear when the connection is back.'
      : status === 'connecting' && slow
        ? 'Connecting to live updates…'
        : null;
  return (
    <div className="connection-banner-slot" role="status" aria-live="polite">
      {message && (
        <p className="connection-banner">
          <span className="connection-banner__dot" aria-hidden="true" />
          {message}
        </p>
      )}
    </div>
  );
}
