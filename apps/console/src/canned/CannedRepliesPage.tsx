import type { CannedReplyView, DepartmentView, UserView } from '#contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import type { ContactsApi } from '../api/contacts-api';
import { useLoad } from '../admin/useLoad';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Spinner } from '../ui/Spinner';
import { CannedReplyForm } from './CannedReplyForm';

interface CannedRepliesPageProps {
  api: ContactsApi;
  user: UserView;
}

/** Groups for the list: the user's own first, then each department's. */
function groups(replies: CannedReplyView[]): Array<{ title: string; replies: CannedReplyView[] }> {
  const own = replies.filter((reply) => reply.scope === 'personal');
  const byDepartment = new Map<string, CannedReplyView[]>();
  for (const reply of replies.filter((r) => r.scope === 'department')) {
    const name = reply.departmentName ?? 'Department';
    byDepartment.set(name, [...(byDepartment.get(name) ?? []), reply]);
  }
  return [
    { title: 'Yours', replies: own },
    ...[...byDepartment].map(([name, list]) => ({ title: name, replies: list })),
  ];
}

/**
 * Canned replies (CV4): everyone keeps their own; admins and a department's supervisors keep the
 * department's, which its agents use. Used from the composer (the button, or `/` in an empty box).
 */
export function CannedRepliesPage({ api, user }: CannedRepliesPageProps) {
  const replies = useLoad<CannedReplyView[]>('canned-replies', (signal) => api.listCannedReplies(signal));
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  const [editing, setEditing] = useState<CannedReplyView | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CannedReplyView | null>(null);
  const [deleteState, setDeleteState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  useEffect(() => {
    document.title = 'Canned replies · WeChat Support Desk';
  }, []);

  const manageable = (departments.data ?? []).filter(
    (department) =>
      user.role === 'admin' || (user.role === 'supervisor' && user.departmentIds.includes(department.id)),
  );

  async function remove(reply: CannedReplyView) {
    setDeleteState({ busy: true, error: null });
    try {
      await api.deleteCannedReply(reply.id);
      setDeleting(null);
      setDeleteState({ busy: false, error: null });
      setNotice(`“${reply.title}” was deleted.`);
      replies.reload();
    } catch (failure) {
      setDeleteState({ busy: false, error: errorMessage(failure) });
    }
  }

  return (
    <main className="desk-page">
      <div className="desk-page__inner">
        <div className="admin-page__head">
          <h1 className="admin-page__title">Canned replies</h1>
        </div>
        <p className="admin-page__lead">
          Pick one in a conversation with <strong>Canned replies</strong> beside Send, or type <kbd>/</kbd> in
          an empty reply box. <code>{'{{contact.name}}'}</code> and <code>{'{{agent.name}}'}</code> are filled
          in.
        </p>
        {notice && (
          <p className="callout callout--info" role="status">
            {notice}
          </p>
        )}
        {departments.status !== 'loading' && (
          <CannedReplyForm
            key={editing?.id ?? `new-${formKey}`}
            api={api}
            user={user}
            departments={manageable}
            editing={editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setNotice(editing ? `“${saved.title}” was saved.` : `“${saved.title}” was added.`);
              setEditing(null);
              setFormKey((n) => n + 1);
              replies.reload();
            }}
          />
        )}
        {replies.status === 'loading' && !replies.data ? (
          <Spinner label="Loading canned replies…" />
        ) : replies.status === 'error' ? (
          <p className="callout callout--error" role="alert">
            {replies.error}
          </p>
        ) : (
          groups(replies.data ?? []).map((group) => (
            <section key={group.title} className="panel" aria-label={`${group.title} canned replies`}>
              <h2 className="panel__title">{group.title}</h2>
              {group.replies.length === 0 ? (
                <p className="panel__empty">None yet.</p>
              ) : (
                <ul className="canned-list">
                  {group.replies.map((reply) => (
                    <li key={reply.id} className="canned-list__item">
                      <div className="canned-list__text">
                        <strong>{reply.title}</strong>
                        <p>{reply.body}</p>
                      </div>
                      {reply.canEdit && (
                        <div className="canned-list__actions">
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => {
                              setEditing(reply);
                              window.scrollTo({ top: 0 });
                            }}
                          >
                            Edit<span className="visually-hidden"> {reply.title}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--ghost button--small"
                            onClick={() => setDeleting(reply)}
                          >
                            Delete<span className="visually-hidden"> {reply.title}</span>
                          </button>
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this canned reply?"
        confirmLabel="Delete"
        danger
        busy={deleteState.busy}
        error={deleteState.error}
        onCancel={() => {
          setDeleting(null);
          setDeleteState({ busy: false, error: null });
        }}
        onConfirm={() => deleting && void remove(deleting)}
      >
        {deleting && <p>“{deleting.title}” will no longer be offered to anyone.</p>}
      </ConfirmDialog>
    </main>
  );
}
