import type { TicketView } from '#contracts';
import { ticketLabel } from '#contracts';
import { useId, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatFullTime } from '../ui/time-format';
import { statusLabel } from './ticket-labels';

interface LinkTicketDialogProps {
  /** The customer's other tickets, newest activity first. */
  tickets: TicketView[];
  customerName: string;
  onLink(ticketId: string): Promise<void>;
  onCancel(): void;
}

/** Picks one of the same customer's tickets for this conversation; a closed one is reopened by it. */
export function LinkTicketDialog({ tickets, customerName, onLink, onCancel }: LinkTicketDialogProps) {
  const name = useId();
  const [chosen, setChosen] = useState(tickets[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function link() {
    setBusy(true);
    setError(null);
    try {
      await onLink(chosen);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open
      title="Link to a ticket"
      confirmLabel="Link"
      busy={busy}
      error={error}
      onConfirm={() => void link()}
      onCancel={onCancel}
    >
      <fieldset className="link-ticket">
        <legend>{customerName}’s tickets</legend>
        {tickets.map((ticket) => (
          <label key={ticket.id} className="link-ticket__option">
            <input
              type="radio"
              name={name}
              value={ticket.id}
              checked={chosen === ticket.id}
              onChange={() => setChosen(ticket.id)}
            />
            <span>
              <strong>{ticketLabel(ticket.number)}</strong> {ticket.subject}
              <span className="link-ticket__meta">
                {statusLabel(ticket.status)}
                {ticket.status === 'closed' ? ' · linking reopens it' : ''} ·{' '}
                {formatFullTime(ticket.lastActivityAt)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
    </ConfirmDialog>
  );
}
