import type { InvitationView } from '#contracts';
import { CopyField } from '../../ui/CopyField';
import { formatFullTime } from '../../ui/time-format';

/** The one-time link, as the server gave it: shown here once, never stored by the console. */
export function InvitationLink({ invitation }: { invitation: InvitationView }) {
  const { user } = invitation;
  return (
    <section className="panel invitation-link" aria-labelledby="invitation-link-title">
      <h2 id="invitation-link-title" className="panel__title">
        Invitation link for {user.name}
      </h2>
      <CopyField
        label="Invitation link"
        value={invitation.inviteUrl}
        hint={`It works once, until ${formatFullTime(invitation.expiresAt)}. ${user.name} opens it, chooses a password and is signed in as ${user.email}.`}
      />
      <div className="callout callout--warning" role="note">
        <p className="callout__title">This link is shown only once</p>
        <p>
          Copy it now and send it to {user.name} yourself, for example in WeChat or by email. Whoever opens it
          can choose the password, so send it to them only. If it gets lost or expires, make a new one on
          their page: the old one then stops working.
        </p>
      </div>
    </section>
  );
}
