import type { InvitationView, UserView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { InvitationLink } from './InvitationLink';

interface InvitationSectionProps {
  api: AdminApi;
  user: UserView;
  onIssued(user: UserView): void;
}

/** A pending invitation: its link was shown once; a new one replaces it (the old link stops working). */
export function InvitationSection({ api, user, onIssued }: InvitationSectionProps) {
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reissue() {
    setBusy(true);
    setError(null);
    try {
      const issued = await api.reissueInvitation(user.id);
      setInvitation(issued);
      onIssued(issued.user);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="panel" aria-labelledby="invitation-title">
        <h2 id="invitation-title" className="panel__title">
          Invitation pending
        </h2>
        <p>
          {user.name} has not chosen a password yet, so they cannot sign in. Their link was shown once, when
          it was made. If they lost it or it expired, make a new one: the previous link stops working at once.
        </p>
        {error && (
          <p className="callout callout--error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void reissue()}
            disabled={busy}
          >
            {busy ? 'Making a new link…' : invitation ? 'Make another link' : 'Make a new invitation link'}
          </button>
        </div>
      </section>
      {invitation && <InvitationLink invitation={invitation} />}
    </>
  );
}
