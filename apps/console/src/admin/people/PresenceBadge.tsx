import type { UserView } from '#contracts';
import { personStatus, personStatusLabel, presenceLabel } from '../../ui/people-labels';

/** Presence only means something for someone who can sign in. */
export function PresenceBadge({ user }: { user: UserView }) {
  if (personStatus(user) !== 'active') return <span className="muted">—</span>;
  return (
    <span className="presence-label">
      <span className={`presence-dot presence-dot--${user.presence}`} aria-hidden="true" />
      {presenceLabel(user.presence, user.presenceReason)}
    </span>
  );
}

export function PersonStatusBadge({ user }: { user: UserView }) {
  const status = personStatus(user);
  return <span className={`badge badge--person-${status}`}>{personStatusLabel(status)}</span>;
}
