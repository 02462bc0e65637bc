import type {
  ConversationTeamView,
  ConversationView,
  DepartmentView,
  TransferConversationRequest,
} from '#contracts';
import { TRANSFER_NOTE_MAX_CHARS } from '#contracts';
import { useId, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { Field } from '../admin/form/Field';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { agentOptionLabel } from './agent-option';

interface TransferDialogProps {
  conversation: ConversationView;
  team: ConversationTeamView;
  departments: DepartmentView[];
  /** Supervisors and admins assign; the chat's agent transfers. */
  manager: boolean;
  onSubmit(request: TransferConversationRequest & { assignOnly: boolean }): Promise<void>;
  onCancel(): void;
}

/** To an agent (who may take it: associated with the channel) or into a department's queue, with a note. */
export function TransferDialog({
  conversation,
  team,
  departments,
  manager,
  onSubmit,
  onCancel,
}: TransferDialogProps) {
  const targets = team.agents.filter((agent) => agent.associated && agent.id !== conversation.assigneeId);
  const otherDepartments = departments.filter(
    (d) => d.id !== conversation.departmentId || conversation.assigneeId,
  );
  const [target, setTarget] = useState<'agent' | 'department'>(targets.length > 0 ? 'agent' : 'department');
  const [agentId, setAgentId] = useState(targets[0]?.id ?? '');
  const [departmentId, setDepartmentId] = useState(otherDepartments[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const group = useId();

  async function submit() {
    if (target === 'agent' && !agentId) return setError('Choose an agent');
    if (target === 'department' && !departmentId) return setError('Choose a department');
    setBusy(true);
    setError(null);
    try {
      const trimmed = note.trim();
      await onSubmit(
        target === 'agent'
          ? { assigneeId: agentId, note: trimmed || undefined, assignOnly: manager && !trimmed }
          : { departmentId, note: trimmed || undefined, assignOnly: false },
      );
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open
      title={manager ? 'Assign or transfer' : 'Transfer this chat'}
      confirmLabel={target === 'agent' && manager && !note.trim() ? 'Assign' : 'Transfer'}
      busy={busy}
      error={error}
      onConfirm={() => void submit()}
      onCancel={onCancel}
    >
      <div className="assign-dialog">
        <fieldset className="assign-dialog__targets">
          <legend>Give it to</legend>
          <label>
            <input
              type="radio"
              name={group}
              checked={target === 'agent'}
              disabled={targets.length === 0}
              onChange={() => setTarget('agent')}
            />
            An agent
          </label>
          <label>
            <input
              type="radio"
              name={group}
              checked={target === 'department'}
              disabled={otherDepartments.length === 0}
              onChange={() => setTarget('department')}
            />
            A department’s queue
          </label>
        </fieldset>
        {target === 'agent' ? (
          <Field label="Agent" hint="Agents associated with this chat’s channel.">
            {(control) => (
              <select {...control} value={agentId} onChange={(event) => setAgentId(event.target.value)}>
                {targets.map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {agentOptionLabel(agent)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label="Department" hint="The chat waits there until someone takes it.">
            {(control) => (
              <select
                {...control}
                value={departmentId}
                onChange={(event) => setDepartmentId(event.target.value)}
              >
                {otherDepartments.map((department) => (
                  <option key={department.id} value={department.id}>
                    {department.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label="Note for the receiver"
          hint={
            manager && target === 'agent'
              ? 'Optional. With a note, the chat is transferred; without, assigned.'
              : 'Optional. Kept in the activity.'
          }
        >
          {(control) => (
            <textarea
              {...control}
              value={note}
              maxLength={TRANSFER_NOTE_MAX_CHARS}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
      </div>
    </ConfirmDialog>
  );
}
