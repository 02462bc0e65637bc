import type { ConversationView, TicketView } from '#contracts';
import { ticketLabel } from '#contracts';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import { LinkTicketDialog } from './LinkTicketDialog';
import { TicketPriorityBadge, TicketStatusBadge } from './TicketBadges';
import { ticketHref } from './ticket-route';
import { useTicketsApi } from './TicketsApiContext';

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; ticket: TicketView | null; others: TicketView[] };

/**
 * The conversation's ticket in the chat (TK1): its number, status and a link; or, for a chat that is on no
 * ticket, "Convert to ticket" and "Link to ticket" (another ticket of the same customer).
 */
export function ConversationTicketPanel({ conversation }: { conversation: ConversationView }) {
  const api = useTicketsApi();
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [linking, setLinking] = useState(false);
  const contactId = conversation.contact.id;
  const conversationId = conversation.id;
  // The chat's status changing is the moment a ticket may have been made or closed elsewhere.
  const conversationStatus = conversation.status;

  const load = useCallback(
    (signal?: AbortSignal) => {
      if (!api) return;
      Promise.all([
        api.ofConversation(conversationId, signal),
        api.list({ requesterId: contactId, limit: 20 }, signal),
      ]).then(
        ([{ ticket }, page]) =>
          setState({ status: 'ready', ticket, others: page.items.filter((t) => t.id !== ticket?.id) }),
        (error: unknown) => {
          if (!isAbort(error)) setState({ status: 'error', error: errorMessage(error) });
        },
      );
    },
    [api, conversationId, contactId],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load, conversationStatus]);

  if (!api || state.status === 'loading') return null;
  if (state.status === 'error') {
    return (
      <div className="conversation-ticket conversation-ticket--error" role="alert">
        Couldn’t check this conversation’s ticket: {state.error}{' '}
        <button type="button" className="link-button" onClick={() => load()}>
          Try again
        </button>
      </div>
    );
  }

  const { ticket, others } = state;
  if (ticket) {
    return (
      <div className="conversation-ticket" role="group" aria-label="Ticket">
        <a className="conversation-ticket__link" href={ticketHref(ticket.id)}>
          Ticket {ticketLabel(ticket.number)}
        </a>
        <span className="conversation-ticket__subject">{ticket.subject}</span>
        <TicketStatusBadge status={ticket.status} />
        <TicketPriorityBadge priority={ticket.priority} />
      </div>
    );
  }

  // Only what a customer started becomes a ticket (a menu click alone does not).
  if (!conversation.lastCustomerMessageAt) return null;

  async function convert() {
    if (!api) return;
    setBusy(true);
    setActionError(null);
    try {
      const created = await api.create({ conversationId });
      setState({ status: 'ready', ticket: created.ticket, others });
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="conversation-ticket conversation-ticket--none" role="group" aria-label="Ticket">
      <span className="conversation-ticket__none">Not a ticket yet</span>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={busy}
        onClick={() => void convert()}
      >
        {busy ? 'Converting…' : 'Convert to ticket'}
      </button>
      {others.length > 0 && (
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={busy}
          onClick={() => {
            setActionError(null);
            setLinking(true);
          }}
        >
          Link to ticket
        </button>
      )}
      {actionError && (
        <p className="conversation-ticket__error" role="alert">
          {actionError}
        </p>
      )}
      {linking && (
        <LinkTicketDialog
          tickets={others}
          customerName={conversation.contact.displayName}
          onLink={async (ticketId) => {
            const linked = await api.link(ticketId, conversationId);
            setLinking(false);
            setState({
              status: 'ready',
              ticket: linked.ticket,
              others: others.filter((t) => t.id !== ticketId),
            });
          }}
          onCancel={() => setLinking(false)}
        />
      )}
    </div>
  );
}
