import type { TicketConversationView } from '#contracts';
import { useId, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { StatusBadge } from '../ui/StatusBadge';
import { formatFullTime } from '../ui/time-format';
import { conversationHref } from './conversation-href';

interface TicketConversationsProps {
  conversations: TicketConversationView[];
  onUnlink(conversationId: string): Promise<void>;
}

/** The conversations that make the ticket, with a way back to each and a way to take one off. */
export function TicketConversations({ conversations, onUnlink }: TicketConversationsProps) {
  const titleId = useId();
  const [unlinking, setUnlinking] = useState<TicketConversationView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const only = conversations.length <= 1;

  async function confirm() {
    if (!unlinking) return;
    setBusy(true);
    setError(null);
    try {
      await onUnlink(unlinking.conversationId);
      setUnlinking(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="ticket-conversations panel" aria-labelledby={titleId}>
      <h2 className="panel__title" id={titleId}>
        Conversations
      </h2>
      <ul className="ticket-conversations__list">
        {conversations.map((link) => {
          const name = link.conversation
            ? `${link.conversation.channelName}, ${formatFullTime(link.conversation.createdAt)}`
            : 'A conversation on a channel you are not associated with';
          return (
            <li key={link.conversationId} className="ticket-conversations__item">
              {link.conversation ? (
                <a href={conversationHref(link.conversation)}>{name}</a>
              ) : (
                <span className="ticket-conversations__hidden">{name}</span>
              )}
              {link.conversation && <StatusBadge status={link.conversation.status} />}
              {link.endedAt && (
                <span className="ticket-conversations__note">continued in another ticket</span>
              )}
              {link.conversation && !only && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setError(null);
                    setUnlinking(link);
                  }}
                >
                  Unlink<span className="visually-hidden"> the conversation on {name}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={unlinking !== null}
        title="Unlink this conversation?"
        confirmLabel="Unlink"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setUnlinking(null)}
      >
        <p>Its messages leave this ticket’s thread. The conversation itself stays in the inbox.</p>
      </ConfirmDialog>
    </section>
  );
}
