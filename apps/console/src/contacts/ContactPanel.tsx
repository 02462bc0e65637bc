import type { ContactPageView } from '#contracts';
import { useLoad } from '../admin/useLoad';
import { contactHref, conversationHref } from '../routing/desk-route';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';
import { StatusBadge } from '../ui/StatusBadge';
import { formatListTime } from '../ui/time-format';
import { useNow } from '../ui/useNow';
import { BlockControl } from './BlockControl';
import { channelCount, linkLabel } from './contact-words';
import { useContacts } from './contacts-context';

const RECENT_SHOWN = 5;

interface ContactPanelProps {
  contactId: string;
  /** The conversation on screen: not repeated among the recent ones. */
  conversationId: string;
}

/**
 * Beside the conversation (RT3): who the customer is, the person's other channels, their recent
 * conversations, what agents noted about them, and the way to their page.
 */
export function ContactPanel({ contactId, conversationId }: ContactPanelProps) {
  const { api } = useContacts();
  const now = useNow(60_000);
  const loaded = useLoad<ContactPageView>(`panel:${contactId}`, (signal) =>
    api.contactPage(contactId, signal),
  );
  const page = loaded.data;

  return (
    <aside className="contact-panel" aria-label="Contact">
      {!page ? (
        loaded.status === 'error' ? (
          <p className="contact-panel__error" role="alert">
            {loaded.error}{' '}
            <button type="button" className="link-button" onClick={loaded.reload}>
              Try again
            </button>
          </p>
        ) : (
          <p className="contact-panel__loading">Loading the contact…</p>
        )
      ) : (
        <>
          <div className="contact-panel__who">
            <Avatar name={page.displayName} url={page.contact.avatarUrl} size={48} />
            <h2 className="contact-panel__name">{page.displayName}</h2>
            <p className="contact-panel__meta">{channelCount(page.contacts.length)}</p>
            <a className="button button--secondary button--small" href={contactHref(contactId)}>
              Contact page<span className="visually-hidden"> of {page.displayName}</span>
            </a>
            <BlockControl api={api} contact={page.contact} onChanged={loaded.set} compact />
          </div>

          <h3 className="contact-panel__heading">Channels</h3>
          <ul className="contact-panel__list" aria-label="Channels of this person">
            {page.contacts.map((contact) => (
              <li key={contact.id} className="contact-panel__channel">
                <ChannelIcon kind={contact.channelKind} />
                <span>
                  {contact.channelName}
                  {contact.id === contactId && <span className="contact-panel__this"> · this chat</span>}
                  {linkLabel(contact) && (
                    <span className="contact-panel__link-label">{linkLabel(contact)}</span>
                  )}
                </span>
              </li>
            ))}
          </ul>

          {page.notes && (
            <>
              <h3 className="contact-panel__heading">Notes</h3>
              <p className="contact-panel__notes">{page.notes}</p>
            </>
          )}

          <h3 className="contact-panel__heading">Recent conversations</h3>
          {page.conversations.filter((c) => c.id !== conversationId).length === 0 ? (
            <p className="contact-panel__empty">This is the first one.</p>
          ) : (
            <ul className="contact-panel__list" aria-label="Recent conversations">
              {page.conversations
                .filter((conversation) => conversation.id !== conversationId)
                .slice(0, RECENT_SHOWN)
                .map((conversation) => (
                  <li key={conversation.id}>
                    <a className="contact-panel__conversation" href={conversationHref(conversation)}>
                      <span className="contact-panel__preview">{conversation.lastMessagePreview || '…'}</span>
                      <span className="contact-panel__conversation-meta">
                        <span className="search-hit__channel">
                          <ChannelIcon kind={conversation.channelKind} />
                          {conversation.channelName}
                        </span>
                        <StatusBadge status={conversation.status} />
                        <time dateTime={conversation.lastMessageAt}>
                          {formatListTime(conversation.lastMessageAt, now)}
                        </time>
                      </span>
                    </a>
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
