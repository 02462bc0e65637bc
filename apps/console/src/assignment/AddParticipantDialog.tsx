import type { ConversationTeamView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { Field } from '../admin/form/Field';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { agentOptionLabel } from './agent-option';

interface AddParticipantDialogProps {
  team: ConversationTeamView;
  onAdd(userId: string): Promise<void>;
  onCancel(): void;
}

/** Colleagues of the department join the chat: they see it and may reply (CV3). */
export function AddParticipantDialog({ team, onAdd, onCancel }: AddParticipantDialogProps) {
  const choices = team.agents.filter(
    (agent) => agent.inDepartment && !agent.participant && agent.id !== team.assignee?.id,
  );
  const [userId, setUserId] = useState(choices[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add() {
    setBusy(true);
    setError(null);
    try {
      await onAdd(userId);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open
      title="Add a colleague to this chat"
      confirmLabel={choices.length > 0 ? 'Add' : undefined}
      busy={busy}
      error={error}
      onConfirm={() => void add()}
      onCancel={onCancel}
    >
      {team.participants.length > 0 && (
        <p>Already on it: {team.participants.map((p) => p.name).join(', ')}</p>
      )}
      {choices.length === 0 ? (
        <p>Everyone in this chat’s department is on it already.</p>
      ) : (
        <Field label="Colleague" hint="From this chat’s department.">
          {(control) => (
            <select {...control} value={userId} onChange={(event) => setUserId(event.target.value)}>
              {choices.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agentOptionLabel(agent)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </ConfirmDialog>
  );
}
