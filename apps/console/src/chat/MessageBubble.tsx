import type { MessageView } from '#contracts';
import { formatClock, formatFullTime } from '../ui/time-format';
import { DeliveryStatus } from './DeliveryStatus';

function MessageContent({ message }: { message: MessageView }) {
  if (message.type === 'unsupported') {
    return <p className="bubble__unsupported">Unsupported message type</p>;
  }
  return <p className="bubble__text">{message.text ?? ''}</p>;
}

export function MessageBubble({ message }: { message: MessageView }) {
  const outbound = message.direction === 'outbound';
  const failed = message.deliveryState === 'failed';
  return (
    <li
      className={`message message--${message.direction}${failed ? ' message--failed' : ''}`}
      data-message-id={message.id}
      data-delivery-state={message.deliveryState}
    >
      <div className={`bubble${message.type === 'unsupported' ? ' bubble--unsupported' : ''}`}>
        <span className="visually-hidden">{outbound ? 'Reply: ' : 'Customer: '}</span>
        <MessageContent message={message} />
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
