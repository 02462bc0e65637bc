import type { DepartmentView, InvitationView } from '#contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { Spinner } from '../../ui/Spinner';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { InvitationLink } from './InvitationLink';
import { EMPTY_PERSON, inviteRequestOf } from './person-form';
import { PersonFields } from './PersonFields';
import { usePersonForm } from './usePersonForm';

/**
 * An admin invites someone: the server makes the account and a one-time link, which the admin passes on
 * (a self-hosted desk cannot count on a mail server). The invited person chooses their own password.
 */
export function InvitePage({ api }: { api: AdminApi }) {
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  const form = usePersonForm(EMPTY_PERSON);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Invite someone · WeChat Support Desk';
  }, []);
  useEffect(() => {
    if (invitation) heading.current?.focus();
  }, [invitation]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending || !form.check()) return;
    setSending(true);
    setError(null);
    try {
      setInvitation(await api.inviteUser(inviteRequestOf(form.values)));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(false);
    }
  }

  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <a href={adminHref({ screen: 'people' })}>People</a> <span aria-hidden="true">›</span> Invite someone
    </nav>
  );

  if (invitation) {
    const { user } = invitation;
    return (
      <div className="admin-page admin-page--narrow">
        {breadcrumb}
        <h1 ref={heading} tabIndex={-1} className="admin-page__title">
          {user.name} is invited
        </h1>
        <InvitationLink invitation={invitation} />
        <div className="form-actions form-actions--wrap">
          <a className="button button--primary" href={adminHref({ screen: 'person', userId: user.id })}>
            Choose {user.name}’s channels
          </a>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              form.reset(EMPTY_PERSON);
              setInvitation(null);
            }}
          >
            Invite someone else
          </button>
          <a className="button button--ghost" href={adminHref({ screen: 'people' })}>
            Back to people
          </a>
        </div>
      </div>
    );
  }

  return (
    <div className="admin-page admin-page--narrow">
      {breadcrumb}
      <h1 className="admin-page__title">Invite someone</h1>
      <p className="admin-page__lead">
        You get a link to send them. They open it, choose their password and are signed in; until then the
        People list shows their invitation as pending.
      </p>
      {departments.status === 'loading' ? (
        <Spinner label="Loading departments…" />
      ) : (
        <form className="panel admin-form" onSubmit={(event) => void submit(event)} noValidate>
          {error && (
            <p className="callout callout--error" role="alert">
              {error}
            </p>
          )}
          {departments.status === 'error' && (
            <p className="callout callout--error" role="alert">
              {departments.error}{' '}
              <button type="button" className="link-button" onClick={departments.reload}>
                Try again
              </button>
            </p>
          )}
          <PersonFields
            values={form.values}
            errors={form.visible}
            departments={departments.data ?? []}
            emailEditable
            onChange={form.change}
            onLeave={form.leave}
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={sending}>
              {sending ? 'Creating…' : 'Create invitation link'}
            </button>
            <a className="button button--ghost" href={adminHref({ screen: 'people' })}>
              Cancel
            </a>
          </div>
        </form>
      )}
    </div>
  );
}
