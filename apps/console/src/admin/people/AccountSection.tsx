import type { UserView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface AccountSectionProps {
  api: AdminApi;
  user: UserView;
  /** The admin looking at the page: nobody deactivates themselves. */
  isMe: boolean;
  onSaved(user: UserView): void;
}

/** Deactivate (signed out everywhere, no new chats, no sign-in) and reactivate, each confirmed first. */
export function AccountSection({ api, user, isMe, onSaved }: AccountSectionProps) {
  const [pending, setPending] = useState<'deactivate' | 'reactivate' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateUser(user.id, { active: pending === 'reactivate' }));
      setPending(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const open = (next: 'deactivate' | 'reactivate') => {
    setError(null);
    setPending(next);
  };
  return (
    <section className="panel" aria-labelledby="account-title">
      <h2 id="account-title" className="panel__title">
        Account
      </h2>
      {user.active ? (
        isMe ? (
          <p className="field__hint">
            This is your own account: another admin can deactivate it, you cannot.
          </p>
        ) : (
          <>
            <p className="field__hint">
              Someone who leaves the team is deactivated, not deleted: their conversations and history stay.
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="button button--danger-ghost"
                onClick={() => open('deactivate')}
              >
                Deactivate {user.name}
              </button>
            </div>
          </>
        )
      ) : (
        <>
          <p className="field__hint">
            {user.name} is deactivated: they cannot sign in and get no chats.{' '}
            {user.invitationPending
              ? 'Reactivating lets them accept their invitation again (make a new link if theirs expired).'
              : 'Reactivating lets them sign in again with their password.'}
          </p>
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={() => open('reactivate')}>
              Reactivate {user.name}
            </button>
          </div>
        </>
      )}

      <ConfirmDialog
        open={pending === 'deactivate'}
        title={`Deactivate ${user.name}?`}
        confirmLabel="Deactivate"
        danger
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>
          {user.name} is signed out everywhere at once and cannot sign in again
          {user.invitationPending ? '; their invitation link stops working' : ''}. They get no new chats, and
          the chats they have open now need someone else to take them over.
        </p>
        <p>Their conversations, notes and history stay. You can reactivate them later.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'reactivate'}
        title={`Reactivate ${user.name}?`}
        confirmLabel="Reactivate"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>
          {user.invitationPending
            ? `${user.name} can accept their invitation again.`
            : `${user.name} can sign in again with their password and gets the chats of their channels again.`}{' '}
          Their role, departments and channels are as they were.
        </p>
      </ConfirmDialog>
    </section>
  );
}
