import type { ConversationView } from '#contracts';
import { routeHref, type InboxView } from '../routing/hash-route';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';
import { StatusBadge } from '../ui/StatusBadge';
import { formatListTime, formatRelativeLong } from '../ui/time-format';
import { waitingSince } from './conversation-order';
import { previewParts } from './preview-parts';

/** "4 min", "2 h 5 min", "3 d": how long the customer has waited. */
export function formatWaited(since: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

interface ConversationRowProps {
  conversation: ConversationView;
  view: InboxView;
  selected: boolean;
  /** Sorted by waiting time: the row says for how long the customer has waited. */
  showWaiting: boolean;
  now: number;
}

export function ConversationRow({ conversation, view, selected, showWaiting, now }: ConversationRowProps) {
  const { contact } = conversation;
  const preview = previewParts(conversation.lastMessagePreview);
  return (
    <li>
      <a
        className="conversation-row"
        href={routeHref({ view, conversationId: conversation.id })}
        aria-current={selected ? 'page' : undefined}
        data-conversation-id={conversation.id}
      >
        <Avatar name={contact.displayName} url={contact.avatarUrl} size={40} />
        <span className="conversation-row__body">
          <span className="conversation-row__top">
            <span className="conversation-row__name">{contact.displayName}</span>
            <time
              className="conversation-row__time"
              dateTime={conversation.lastMessageAt}
              title={formatRelativeLong(conversation.lastMessageAt, now)}
            >
              <span aria-hidden="true">{formatListTime(conversation.lastMessageAt, now)}</span>
              <span className="visually-hidden">, {formatRelativeLong(conversation.lastMessageAt, now)}</span>
            </time>
          </span>
          <span className="conversation-row__preview">
            <span className="visually-hidden">, </span>
            {preview.kind && <span className="conversation-row__preview-kind">{preview.kind}</span>}
            {preview.kind && preview.text ? ' ' : ''}
            {preview.text}
          </span>
          <span className="conversation-row__meta">
            <span className="conversation-row__channel">
              <ChannelIcon kind={conversation.channelKind} />
              <span className="visually-hidden">, </span>
              {conversation.channelName}
            </span>
            <span className="visually-hidden">, </span>
            <StatusBadge status={conversation.status} />
            {showWaiting && conversation.status !== 'closed' && (
              <span className="conversation-row__waiting">
                <span className="visually-hidden">, </span>
                waiting {formatWaited(waitingSince(conversation), now)}
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}
