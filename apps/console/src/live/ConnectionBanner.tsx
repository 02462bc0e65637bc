import { useEffect, useState } from 'react';
import type { LiveStatus } from './useLiveUpdates';

/** A first connection that takes longer than this is worth mentioning; a quick one is not. */
const CONNECTING_GRACE_MS = 3000;

export function ConnectionBanner({ status, backOnline }: { status: LiveStatus; backOnline: boolean }) {
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
      : status === 'catching-up'
        ? 'Back online. Catching up on what you missed…'
        : status === 'connecting' && slow
          ? 'Connecting to live updates…'
          : status === 'connected' && backOnline
            ? 'Back online. You are up to date.'
            : null;
  const tone = status === 'connected' || status === 'catching-up' ? 'online' : 'offline';
  return (
    <div className="connection-banner-slot" role="status" aria-live="polite">
      {message && (
        <p className={`connection-banner connection-banner--${tone}`}>
          <span className="connection-banner__dot" aria-hidden="true" />
          {message}
        </p>
      )}
    </div>
  );
}
