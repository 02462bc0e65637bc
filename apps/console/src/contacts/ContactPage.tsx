import type { ContactPageView, PersonContactView } from '#contracts';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import type { ContactsApi } from '../api/contacts-api';
import { useLoad } from '../admin/useLoad';
import { conversationHref } from '../routing/desk-route';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Spinner } from '../ui/Spinner';
import { StatusBadge } from '../ui/StatusBadge';
import { formatFullTime } from '../ui/time-format';
import { BlockControl } from './BlockControl';
import { channelCount, linkLabel } from './contact-words';
import { MergeDialog } from './MergeDialog';
import { PersonDetailsForm } from './PersonDetailsForm';

interface ContactPageProps {
  api: ContactsApi;
  contactId: string;
}

/**
 * Everything about one person (CV5, BX3): their contacts on every channel the agent may see, every
 * conversation and ticket, agents' notes, and the merges and splits that made them one person.
 */
export function ContactPage({ api, contactId }: ContactPageProps) {
  const loaded = useLoad<ContactPageView>(`contact:${contactId}`, (signal) =>
    api.contactPage(contactId, signal),
  );
  const page = loaded.data;
  const title = useRef<HTMLHeadingElement>(null);
  const [merging, setMerging] = useState(false);
  const [splitting, setSplitting] = useState<PersonContactView | null>(null);
  const [splitState, setSplitState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  const name = page?.displayName;
  useEffect(() => {
    if (name) document.title = `${name} · WeChat Support Desk`;
  }, [name]);
  useEffect(() => {
    title.current?.focus();
  }, [contactId, loaded.status]);

  if (loaded.status === 'loading' && !page) {
    return (
      <main className="desk-page">
        <Spinner label="Loading the contact…" />
      </main>
    );
  }
  if (!page) {
    return (
      <main className="desk-page">
        <div className="desk-page__inner">
          <div className="empty-state" role="alert">
            <p className="empty-state__title">Couldn’t open this contact</p>
            <p className="empty-state__text">{loaded.error}</p>
            <a className="button button--secondary" href="#/open">
              Back to the inbox
            </a>
          </div>
        </div>
      </main>
    );
  }

  async function split(contact: PersonContactView) {
    setSplitState({ busy: true, error: null });
    try {
      const result = await api.split(contact.id);
      setSplitting(null);
      setSplitState({ busy: false, error: null });
      // The page follows this contact; splitting it off leaves it alone, so show what remains.
      if (contact.id === contactId) loaded.set(result);
      else loaded.reload();
    } catch (failure) {
      setSplitState({ busy: false, error: errorMessage(failure) });
    }
  }

  return (
    <main className="desk-page contact-page">
      <div className="desk-page__inner">
        <div className="contact-page__head">
          <Avatar name={page.displayName} url={page.contact.avatarUrl} size={56} />
          <div className="contact-page__identity">
            <h1 className="admin-page__title" ref={title} tabIndex={-1}>
              {page.displayName}
            </h1>
            <p className="contact-page__summary">
              {channelCount(page.contacts.length)} · {page.conversations.length} conversation
              {page.conversations.length === 1 ? '' : 's'}
            </p>
          </div>
        </div>

        <section className="panel" aria-labelledby="contact-channels-title">
          <div className="panel__head">
            <h2 className="panel__title" id="contact-channels-title">
              Channels
            </h2>
            <button type="button" className="button button--secondary" onClick={() => setMerging(true)}>
              Merge with another contact…
            </button>
          </div>
          <ul className="contact-channels" aria-label="The person’s contacts">
            {page.contacts.map((contact) => (
              <li key={contact.id} className="contact-channel">
                <ChannelIcon kind={contact.channelKind} size={18} />
                <span className="contact-channel__body">
                  <span className="contact-channel__channel">{contact.channelName}</span>
                  <span className="contact-channel__name">
                    {contact.displayName} · since {formatFullTime(contact.createdAt)}
                  </span>
                </span>
                {linkLabel(contact) && <span className="badge badge--link">{linkLabel(contact)}</span>}
                <BlockControl api={api} contact={contact} onChanged={loaded.set} />
                {page.contacts.length > 1 && (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setSplitting(contact)}
                  >
                    Split off<span className="visually-hidden"> {contact.channelName}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>

        <section className="panel" aria-labelledby="contact-conversations-title">
          <h2 className="panel__title" id="contact-conversations-title">
            Conversations
          </h2>
          {page.conversations.length === 0 ? (
            <p className="panel__empty">No conversations yet.</p>
          ) : (
            <table className="channel-table contact-table">
              <thead>
                <tr>
                  <th scope="col">Conversation</th>
                  <th scope="col">Channel</th>
                  <th scope="col">State</th>
                  <th scope="col">Started</th>
                  <th scope="col">Last message</th>
                  <th scope="col">Assignee</th>
                </tr>
              </thead>
              <tbody>
                {page.conversations.map((conversation) => (
                  <tr key={conversation.id}>
                    <th scope="row" data-label="Conversation">
                      <a href={conversationHref(conversation)}>
                        {conversation.lastMessagePreview || 'Open the conversation'}
                      </a>
                    </th>
                    <td data-label="Channel">
                      <span className="search-hit__channel">
                        <ChannelIcon kind={conversation.channelKind} />
                        {conversation.channelName}
                      </span>
                    </td>
                    <td data-label="State">
                      <StatusBadge status={conversation.status} />
                    </td>
                    <td data-label="Started">{formatFullTime(conversation.createdAt)}</td>
                    <td data-label="Last message">{formatFullTime(conversation.lastMessageAt)}</td>
                    <td data-label="Assignee">{conversation.assigneeName ?? 'Unassigned'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        {page.heldMessages.length > 0 && (
          <section className="panel" aria-labelledby="contact-held-title">
            <h2 className="panel__title" id="contact-held-title">
              Messages while blocked
            </h2>
            <p className="panel__empty">Stored, but they opened no chat and reached no agent.</p>
            <ul className="contact-list" aria-label="Messages while blocked">
              {page.heldMessages.map((message) => (
                <li key={message.id}>
                  {message.preview}
                  <span className="contact-list__meta">
                    {page.contacts.find((c) => c.id === message.contactId)?.channelName} ·{' '}
                    <time dateTime={message.createdAt}>{formatFullTime(message.createdAt)}</time>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}

        {page.tickets && (
          <section className="panel" aria-labelledby="contact-tickets-title">
            <h2 className="panel__title" id="contact-tickets-title">
              Tickets
            </h2>
            {page.tickets.length === 0 ? (
              <p className="panel__empty">No tickets.</p>
            ) : (
              <ul className="contact-list">
                {page.tickets.map((ticket) => (
                  <li key={ticket.id}>
                    <strong>{ticket.reference}</strong> {ticket.subject} · {ticket.status} · updated{' '}
                    {formatFullTime(ticket.updatedAt)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        <PersonDetailsForm api={api} page={page} onSaved={loaded.set} />

        <section className="panel" aria-labelledby="contact-notes-title">
          <h2 className="panel__title" id="contact-notes-title">
            Notes from conversations
          </h2>
          {page.conversationNotes.length === 0 ? (
            <p className="panel__empty">No private notes in these conversations yet.</p>
          ) : (
            <ul className="contact-list">
              {page.conversationNotes.map((note) => (
                <li key={note.messageId}>
                  <a
                    href={conversationHref(
                      {
                        id: note.conversationId,
                        status:
                          page.conversations.find((c) => c.id === note.conversationId)?.status ?? 'active',
                      },
                      note.messageId,
                    )}
                  >
                    {note.text}
                  </a>
                  <span className="contact-list__meta">
                    {note.authorName ?? 'An agent'} · {formatFullTime(note.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        {page.activity.length > 0 && (
          <section className="panel" aria-labelledby="contact-history-title">
            <h2 className="panel__title" id="contact-history-title">
              History
            </h2>
            <ol className="contact-list" aria-label="Links, merges and edits">
              {page.activity.map((entry) => (
                <li key={entry.id}>
                  {entry.description}
                  <span className="contact-list__meta">
                    <time dateTime={entry.at}>{formatFullTime(entry.at)}</time>
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>

      <MergeDialog
        open={merging}
        api={api}
        page={page}
        onClose={() => setMerging(false)}
        onMerged={(merged) => {
          setMerging(false);
          loaded.set(merged);
        }}
      />
      <ConfirmDialog
        open={splitting !== null}
        title="Split this contact off?"
        confirmLabel="Split off"
        busy={splitState.busy}
        error={splitState.error}
        onCancel={() => {
          setSplitting(null);
          setSplitState({ busy: false, error: null });
        }}
        onConfirm={() => splitting && void split(splitting)}
      >
        {splitting && (
          <p>
            {splitting.displayName} on {splitting.channelName} will be a person of their own again, with their
            conversations. The desk will not link it back by UnionID; you can merge it again.
          </p>
        )}
      </ConfirmDialog>
    </main>
  );
}
