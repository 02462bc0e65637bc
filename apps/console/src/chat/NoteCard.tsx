import type { MessageView } from '#contracts';
import { LockIcon } from '../ui/icons';
import { formatClock, formatFullTime } from '../ui/time-format';

/** A private note (CV4): in the thread where it was written, set apart from what the customer sees. */
export function NoteCard({ message }: { message: MessageView }) {
  return (
    <li className="message message--note" data-message-id={message.id} data-message-type="note">
      <div className="note-card">
        <p className="note-card__label">
          <LockIcon size={14} />
          <span>Private note{message.senderName ? ` · ${message.senderName}` : ''}</span>
        </p>
        <p className="note-card__text">{message.text}</p>
      </div>
      <div className="message__meta">
        <span>Not sent to the customer</span>
        <time dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
          {formatClock(message.createdAt)}
        </time>
      </div>
    </li>
  );
}
