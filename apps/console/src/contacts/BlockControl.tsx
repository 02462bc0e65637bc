import type { ContactPageView, PersonContactView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import type { ContactsApi } from '../api/contacts-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatFullTime } from '../ui/time-format';

interface BlockControlProps {
  api: ContactsApi;
  contact: PersonContactView;
  onChanged(page: ContactPageView): void;
  /** Short form for the conversation's contact panel. */
  compact?: boolean;
}

/** "Blocked by … on …" and Unblock, or Block with what it means (CV4). */
export function BlockControl({ api, contact, onChanged, compact = false }: BlockControlProps) {
  const [asking, setAsking] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const blocked = contact.blocked;

  async function run(action: 'block' | 'unblock') {
    setState({ busy: true, error: null });
    try {
      const page = await (action === 'block' ? api.block(contact.id) : api.unblock(contact.id));
      setAsking(false);
      setState({ busy: false, error: null });
      onChanged(page);
    } catch (failure) {
      setState({ busy: false, error: errorMessage(failure) });
    }
  }

  return (
    <div className={`block-control${blocked ? ' block-control--blocked' : ''}`}>
      {blocked ? (
        <>
          <p className="block-control__status" role="status">
            Blocked by {blocked.byName ?? 'a former user'} on {formatFullTime(blocked.at)}
            {compact ? '' : ': their messages are kept on this page and open no chat.'}
          </p>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={state.busy}
            onClick={() => void run('unblock')}
          >
            Unblock
            <span className="visually-hidden">
              {' '}
              {contact.displayName} on {contact.channelName}
            </span>
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--ghost button--small block-control__block"
          onClick={() => setAsking(true)}
        >
          Block
          <span className="visually-hidden">
            {' '}
            {contact.displayName} on {contact.channelName}
          </span>
        </button>
      )}
      {state.error && !asking && (
        <p className="callout callout--error" role="alert">
          {state.error}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title={`Block ${contact.displayName}?`}
        confirmLabel="Block"
        danger
        busy={state.busy}
        error={state.error}
        onCancel={() => {
          setAsking(false);
          setState({ busy: false, error: null });
        }}
        onConfirm={() => void run('block')}
      >
        <p>
          Their messages on {contact.channelName} will still be stored, on their contact page, but no chat
          will open and no agent will be notified. A chat open now stays for you to finish and close. You can
          unblock them at any time.
        </p>
      </ConfirmDialog>
    </div>
  );
}
