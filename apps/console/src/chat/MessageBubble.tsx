import type { MessageView } from '#contracts';
import { formatClock, formatFullTime } from '../ui/time-format';
import { MessageContentView } from './content/MessageContentView';
import { DeliveryStatus } from './DeliveryStatus';

/** Types that carry their own frame (a picture, a player) look better without the bubble's padding. */
const FRAMED = new Set(['image', 'video', 'shortvideo']);

export function MessageBubble({ message }: { message: MessageView }) {
  if (message.content.type === 'event')
    return <SystemLine message={message} text={message.content.description} />;
  const outbound = message.direction === 'outbound';
  const failed = message.deliveryState === 'failed';
  const type = message.content.type;
  return (
    <li
      className={`message message--${message.direction}${failed ? ' message--failed' : ''}`}
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
      {failed && (
        <p className="message__failure">{message.failureReason ?? 'The platform refused this message.'}</p>
      )}
      <div className="message__meta">
        {outbound && message.senderName && <span className="message__sender">{message.senderName}</span>}
        <time dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
          {formatClock(message.createdAt)}
        </time>
        {outbound && <DeliveryStatus message={message} />}
      </div>
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
