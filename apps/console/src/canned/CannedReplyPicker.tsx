import type { CannedReplyChoice } from '#contracts';
import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import { useOptionalContacts } from '../contacts/contacts-context';

export interface CannedReplyPickerHandle {
  open(): void;
}

interface CannedReplyPickerProps {
  ref?: Ref<CannedReplyPickerHandle>;
  conversationId: string;
  disabled: boolean;
  /** The reply's text with its placeholders filled in; the composer puts it in the box, to edit before sending. */
  onPick(text: string): void;
  /** Closed without a choice (Escape): the composer takes the focus back. */
  onDismiss(): void;
}

type Choices =
  | { status: 'loading' }
  | { status: 'ready'; replies: CannedReplyChoice[] }
  | { status: 'error'; error: string };

const matches = (reply: CannedReplyChoice, filter: string) => {
  const wanted = filter.trim().toLowerCase();
  return !wanted || reply.title.toLowerCase().includes(wanted) || reply.text.toLowerCase().includes(wanted);
};

/**
 * The composer's canned replies (CV4): a button, or `/` in an empty box, opens a list to filter by typing;
 * arrows move, Enter picks, Escape closes. The server fills in the placeholders for this conversation.
 */
export function CannedReplyPicker({
  ref,
  conversationId,
  disabled,
  onPick,
  onDismiss,
}: CannedReplyPickerProps) {
  const contacts = useOptionalContacts();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [choices, setChoices] = useState<Choices>({ status: 'loading' });
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const api = contacts?.api;

  useImperativeHandle(ref, () => ({ open: () => setOpen(true) }), []);

  useEffect(() => {
    if (!open || !api) return;
    const controller = new AbortController();
    setChoices({ status: 'loading' });
    api
      .cannedRepliesFor(conversationId, controller.signal)
      .then((replies) => setChoices({ status: 'ready', replies }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setChoices({ status: 'error', error: errorMessage(error) });
      });
    return () => controller.abort();
  }, [open, api, conversationId]);

  useEffect(() => {
    if (open) {
      setFilter('');
      setActive(0);
      input.current?.focus();
    }
  }, [open]);

  if (!contacts) return null;
  const shown = choices.status === 'ready' ? choices.replies.filter((reply) => matches(reply, filter)) : [];

  function close(picked: CannedReplyChoice | null) {
    setOpen(false);
    if (picked) onPick(picked.text);
    else onDismiss();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length === 0) return;
      setActive((at) => (at + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (shown[active]) close(shown[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(null);
    }
  }

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="canned-picker">
      <button
        type="button"
        className="button button--ghost composer__tool"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => (open ? close(null) : setOpen(true))}
      >
        Canned replies
      </button>
      {open && (
        <div
          className="canned-picker__popover"
          role="dialog"
          aria-label="Canned replies"
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
          }}
        >
          <input
            ref={input}
            className="canned-picker__filter"
            role="combobox"
            aria-label="Find a canned reply"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown[active] ? optionId(active) : undefined}
            placeholder="Type to filter…"
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          {choices.status === 'loading' && <p className="canned-picker__note">Loading…</p>}
          {choices.status === 'error' && (
            <p className="canned-picker__note" role="alert">
              {choices.error}
            </p>
          )}
          {choices.status === 'ready' && shown.length === 0 && (
            <p className="canned-picker__note">
              {choices.replies.length === 0 ? (
                <>
                  No canned replies yet. <a href="#/canned-replies">Add some</a>
                </>
              ) : (
                'None matches.'
              )}
            </p>
          )}
          <ul className="canned-picker__list" id={listId} role="listbox" aria-label="Canned replies">
            {shown.map((reply, index) => (
              <li
                key={reply.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className="canned-picker__option"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => close(reply)}
              >
                <span className="canned-picker__title">
                  {reply.title}
                  <span className="canned-picker__scope">
                    {reply.scope === 'personal' ? 'Yours' : reply.departmentName}
                  </span>
                </span>
                <span className="canned-picker__text">{reply.text}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
