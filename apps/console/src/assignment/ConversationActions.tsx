import type { ConversationTeamView, ConversationView, DepartmentView, UserView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import type { AssignmentApi } from '../api/assignment-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { AddParticipantDialog } from './AddParticipantDialog';
import { TransferDialog } from './TransferDialog';

interface ConversationActionsProps {
  conversation: ConversationView;
  me: Pick<UserView, 'id' | 'role'>;
  api: AssignmentApi;
  /** The conversation as the server answered after an action (live updates bring it to others). */
  onChanged(conversation: ConversationView): void;
}

type Open =
  | { dialog: 'transfer'; team: ConversationTeamView; departments: DepartmentView[] }
  | { dialog: 'participant'; team: ConversationTeamView }
  | { dialog: 'close' }
  | null;

/** Take, assign or transfer, add a colleague, close: what the user may do with this chat now (CV3). */
export function ConversationActions({ conversation, me, api, onChanged }: ConversationActionsProps) {
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const manager = me.role === 'admin' || me.role === 'supervisor';
  const mine = conversation.assigneeId === me.id;
  const unassigned = conversation.status === 'waiting' || conversation.status === 'missed';
  if (conversation.status === 'closed') return null;

  async function run(action: () => Promise<ConversationView>) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await action());
      setOpen(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function openDialog(dialog: 'transfer' | 'participant') {
    setBusy(true);
    setError(null);
    try {
      const [team, departments] = await Promise.all([
        api.team(conversation.id),
        dialog === 'transfer' ? api.departments() : Promise.resolve([]),
      ]);
      setOpen(dialog === 'transfer' ? { dialog, team, departments } : { dialog, team });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  // Dialog actions throw to the dialog, which shows the error beside the choice.
  const submitted = async (action: () => Promise<ConversationView>) => {
    onChanged(await action());
    setOpen(null);
  };

  return (
    <div className="conversation-actions" role="toolbar" aria-label="Conversation actions">
      {unassigned && (
        <button
          type="button"
          className="button button--primary button--small"
          disabled={busy}
          onClick={() => void run(() => api.pick(conversation.id))}
        >
          Take
        </button>
      )}
      {(manager || mine) && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          onClick={() => void openDialog('transfer')}
        >
          {manager ? 'Assign…' : 'Transfer…'}
        </button>
      )}
      {(manager || mine) && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          onClick={() => void openDialog('participant')}
        >
          Add participant…
        </button>
      )}
      {(manager || mine || unassigned) && (
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={busy}
          onClick={() => setOpen({ dialog: 'close' })}
        >
          Close
        </button>
      )}
      {error && !open && (
        <p className="conversation-actions__error" role="alert">
          {error}
        </p>
      )}
      {open?.dialog === 'transfer' && (
        <TransferDialog
          conversation={conversation}
          team={open.team}
          departments={open.departments}
          manager={manager}
          onCancel={() => setOpen(null)}
          onSubmit={({ assignOnly, ...request }) =>
            submitted(() =>
              assignOnly && request.assigneeId
                ? api.assign(conversation.id, request.assigneeId)
                : api.transfer(conversation.id, request),
            )
          }
        />
      )}
      {open?.dialog === 'participant' && (
        <AddParticipantDialog
          team={open.team}
          onCancel={() => setOpen(null)}
          onAdd={(userId) => submitted(() => api.addParticipant(conversation.id, userId))}
        />
      )}
      {open?.dialog === 'close' && (
        <ConfirmDialog
          open
          title="Close this conversation?"
          confirmLabel="Close conversation"
          busy={busy}
          error={error}
          onConfirm={() => void run(() => api.close(conversation.id))}
          onCancel={() => {
            setOpen(null);
            setError(null);
          }}
        >
          <p>
            Closed is final: if {conversation.contact.displayName} writes again, a new conversation opens.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
