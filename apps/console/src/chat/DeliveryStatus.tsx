import type { MessageView } from '#contracts';
import { assertNever } from '../ui/assert-never';

/** Where the agent's message is on its way to the customer (CV6). */
export function DeliveryStatus({ message }: { message: MessageView }) {
  const retried = message.retries > 0 ? ' (retried)' : '';
  switch (message.deliveryState) {
    case 'received':
      return null;
    case 'queued':
      return (
        <span className="delivery delivery--queued">
          <span aria-hidden="true">⋯</span> {message.attempts > 0 ? 'Retrying' : 'Sending'}
        </span>
      );
    case 'sent':
      return (
        <span className="delivery delivery--sent">
          <span aria-hidden="true">✓</span> Sent{retried}
        </span>
      );
    case 'failed':
      return (
        <span className="delivery delivery--failed">
          <span aria-hidden="true">⚠</span> Not delivered
        </span>
      );
    case 'unconfirmed':
      return (
        <span className="delivery delivery--unconfirmed">
          <span aria-hidden="true">?</span> Not confirmed
        </span>
      );
    default:
      return assertNever(message.deliveryState);
  }
}
