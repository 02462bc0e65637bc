import type { MessageView } from '#contracts';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { formatClock, formatFullTime } from '../ui/time-format';
import { MessageContentView } from './content/MessageContentView';
import { DeliveryStatus } from './DeliveryStatus';
import { NoteCard } from './NoteCard';

/** Types that carry their own frame (a picture, a player) look better without the bubble's padding. */
const FRAMED = new Set(['image', 'video', 'shortvideo']);

/** A failed message can be sent again; an unconfirmed one too, after the agent has checked (CV6). */
function RetryDelivery({ message, onRetry }: { message: MessageView; onRetry(id: string): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unconfirmed = message.deliveryState === 'unconfirmed';
  async function retry() {
    setBusy(true);
    setError(null);
    try {
      await onRetry(message.id);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="message__retry">
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={busy}
        onClick={() => void retry()}
      >
        {unconfirmed ? 'Send again' : 'Retry'}
      </button>
      {error && (
        <p className="message__retry-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function MessageBubble({
  message,
  onRetry,
}: {
  message: MessageView;
  onRetry(id: string): Promise<void>;
}) {
  if (message.direction === 'note') return <NoteCard message={message} />;
  if (message.content.type === 'event')
    return <SystemLine message={message} text={message.content.description} />;
  const type = message.content.type;
  const outbound = message.direction === 'outbound';
  const failed = message.deliveryState === 'failed';
  const unconfirmed = message.deliveryState === 'unconfirmed';
  // While queued after a failed attempt, the reason says what is being retried.
  const note = failed || unconfirmed || message.deliveryState === 'queued' ? message.failureReason : null;
  return (
    <li
      className={`message message--${message.direction}${failed ? ' message--failed' : ''}${unconfirmed ? ' message--unconfirmed' : ''}`}
      data-message-id={message.id}
      data-message-type={type}
      data-delivery-state={message.deliveryState}
    >
      <div
        className={`bubble bubble--${type}${type === 'unsupported' ? ' bubble--unsupported' : ''}${FRAMED.has(type) ? ' bubble--framed' : ''}`}
      >
        <span className="visually-hidden">{outbound ? 'Reply: ' : 'Customer: '}</span>
        <MessageContentView message={message} />
      </div>
      {(note || failed) && (
        <p
          className={`message__failure${message.deliveryState === 'queued' ? ' message__failure--pending' : ''}`}
        >
          {note ?? 'The platform refused this message.'}
        </p>
      )}
      <div className="message__meta">
        {outbound && message.senderName && <span className="message__sender">{message.senderName}</span>}
        <time dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
          {formatClock(message.createdAt)}
        </time>
        {outbound && <DeliveryStatus message={message} />}
      </div>
      {outbound && (failed || unconfirmed) && <RetryDelivery message={message} onRetry={onRetry} />}
    </li>
  );
}

/** What the customer did rather than said (followed, scanned a code, tapped the menu): a line, not a bubble. */
function SystemLine({ message, text }: { message: MessageView; text: string }) {
  return (
    <li className="system-line" data-message-id={message.id} data-message-type="event">
      <span className="system-line__text">{text}</span>
      <time dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
        {formatClock(message.createdAt)}
      </time>
    </li>
  );
}
