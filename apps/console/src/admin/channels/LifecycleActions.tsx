import type { ChannelView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

type Pending = 'deactivate' | 'reactivate' | 'delete' | null;

interface LifecycleActionsProps {
  api: AdminApi;
  channel: ChannelView;
  onChanged(channel: ChannelView): void;
  onDeleted(): void;
}

/** Deactivate, reactivate, delete (CH2), each confirmed with what it does to customers and conversations. */
export function LifecycleActions({ api, channel, onChanged, onDeleted }: LifecycleActionsProps) {
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      if (pending === 'delete') {
        await api.deleteChannel(channel.id);
        setPending(null);
        onDeleted();
        return;
      }
      onChanged(
        pending === 'deactivate' ? await api.deactivate(channel.id) : await api.reactivate(channel.id),
      );
      setPending(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const open = (next: Pending) => {
    setError(null);
    setPending(next);
  };
  const active = channel.status === 'active';
  return (
    <div className="lifecycle-actions">
      {active ? (
        <button type="button" className="button button--secondary" onClick={() => open('deactivate')}>
          Deactivate
        </button>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => open('reactivate')}>
          Reactivate
        </button>
      )}
      <button type="button" className="button button--danger-ghost" onClick={() => open('delete')}>
        Delete channel
      </button>

      <ConfirmDialog
        open={pending === 'deactivate'}
        title={`Deactivate “${channel.name}”?`}
        confirmLabel="Deactivate"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>
          The channel stops receiving and sending: customers who write get WeChat’s notice that the account
          cannot serve them right now, and agents cannot reply. Conversations stay as they are; reactivate to
          continue.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'reactivate'}
        title={`Reactivate “${channel.name}”?`}
        confirmLabel="Reactivate"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>Customers’ messages arrive again, and agents can reply within WeChat’s rules.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'delete'}
        title={`Delete “${channel.name}”?`}
        confirmLabel="Delete channel"
        danger
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <p>
          The channel disappears from the lists and stops receiving and sending for good. Its conversations
          stay, read-only: agents can read them but not reply, transfer or block. This cannot be undone; to
          connect the account again, create a new channel.
        </p>
      </ConfirmDialog>
    </div>
  );
}
