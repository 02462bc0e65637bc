import type { ContactPageView, ContactSearchHit } from '#contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import type { ContactsApi } from '../api/contacts-api';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';

interface MergeDialogProps {
  open: boolean;
  api: ContactsApi;
  page: ContactPageView;
  onMerged(page: ContactPageView): void;
  onClose(): void;
}

/**
 * Finds the other contact by name (the same search as the search screen) and merges it, and everyone
 * linked to it, into this person. Splitting a contact off undoes it.
 */
export function MergeDialog({ open, api, page, onMerged, onClose }: MergeDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ContactSearchHit[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
    if (open) {
      setQuery('');
      setHits(null);
      setError(null);
    }
  }, [open]);

  const own = new Set(page.contacts.map((contact) => contact.id));

  async function find(event: FormEvent) {
    event.preventDefault();
    if (!query.trim()) return;
    setError(null);
    try {
      const results = await api.search({ q: query.trim() });
      setHits(results.contacts.filter((hit) => !own.has(hit.contactId)));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function merge(hit: ContactSearchHit) {
    setBusy(hit.contactId);
    setError(null);
    try {
      onMerged(await api.merge(page.contact.id, hit.contactId));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog merge-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId} className="confirm-dialog__title">
        Merge with another contact
      </h2>
      <p className="confirm-dialog__body">
        The same customer on another channel, or who wrote from another account? Their conversations and notes
        join {page.displayName}’s. You can split a contact off again later.
      </p>
      <form className="merge-dialog__search" role="search" onSubmit={(event) => void find(event)}>
        <label className="visually-hidden" htmlFor={`${titleId}-query`}>
          Find a contact by name
        </label>
        <input
          id={`${titleId}-query`}
          type="search"
          className="search-form__input"
          placeholder="Find a contact by name"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoFocus
        />
        <button type="submit" className="button button--secondary">
          Find
        </button>
      </form>
      {hits !== null &&
        (hits.length === 0 ? (
          <p className="merge-dialog__none" role="status">
            No other contact is called “{query.trim()}”.
          </p>
        ) : (
          <ul className="merge-dialog__hits" aria-label="Contacts found">
            {hits.map((hit) => (
              <li key={hit.contactId} className="merge-dialog__hit">
                <Avatar name={hit.displayName} url={hit.avatarUrl} size={32} />
                <span className="merge-dialog__who">
                  <strong>{hit.displayName}</strong>
                  <span className="merge-dialog__channels">
                    {hit.channels.map((channel) => (
                      <span key={channel.channelId} className="search-hit__channel">
                        <ChannelIcon kind={channel.channelKind} />
                        {channel.channelName}
                      </span>
                    ))}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--primary button--small"
                  disabled={busy !== null}
                  onClick={() => void merge(hit)}
                >
                  {busy === hit.contactId ? 'Merging…' : 'Merge'}
                  <span className="visually-hidden"> {hit.displayName}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      <div className="confirm-dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose} disabled={busy !== null}>
          Close
        </button>
      </div>
    </dialog>
  );
}
