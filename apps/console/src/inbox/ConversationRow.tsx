import type { ConversationView } from '#contracts';
import { routeHref, type InboxView } from '../routing/hash-route';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';
import { StatusBadge } from '../ui/StatusBadge';
import { formatListTime, formatRelativeLong } from '../ui/time-format';
import { previewParts } from './preview-parts';

interface ConversationRowProps {
  conversation: ConversationView;
  view: InboxView;
  selected: boolean;
  now: number;
}

export function ConversationRow({ conversation, view, selected, now }: ConversationRowProps) {
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
          </span>
        </span>
      </a>
    </li>
  );
}
