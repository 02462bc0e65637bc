import type { ConversationView } from '#contracts';
import type { Ref } from 'react';
import { routeHref, type InboxView } from '../routing/hash-route';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';
import { StatusBadge } from '../ui/StatusBadge';
import { BackIcon, ClockIcon } from '../ui/icons';
import { formatDuration } from '../ui/time-format';
import type { ReplyState } from './reply-window';

interface ChatHeaderProps {
  conversation: ConversationView;
  view: InboxView;
  reply: ReplyState;
  now: number;
  titleId: string;
  titleRef: Ref<HTMLHeadingElement>;
}

/** Hours before the window closes from which the countdown is shown as a warning. */
const WARN_BEFORE_MS = 2 * 3_600_000;

function ReplyWindowLabel({ reply, now }: { reply: ReplyState; now: number }) {
  if (reply.kind === 'conversation-closed' || reply.kind === 'channel-unavailable') return null;
  if (reply.kind === 'window-closed') {
    return (
      <span className="reply-window reply-window--closed">
        <ClockIcon size={13} /> Reply window closed
      </span>
    );
  }
  if (reply.closesAt === null) return null;
  const left = reply.closesAt - now;
  return (
    <span className={`reply-window${left < WARN_BEFORE_MS ? ' reply-window--soon' : ''}`}>
      <ClockIcon size={13} /> {formatDuration(left)} left to reply
    </span>
  );
}

export function ChatHeader({ conversation, view, reply, now, titleId, titleRef }: ChatHeaderProps) {
  const { contact } = conversation;
  return (
    <header className="chat-header">
      <a className="chat-header__back" href={routeHref({ view, conversationId: null })}>
        <BackIcon size={22} />
        <span className="visually-hidden">Back to conversations</span>
      </a>
      <Avatar name={contact.displayName} url={contact.avatarUrl} size={40} />
      <div className="chat-header__identity">
        <h2 className="chat-header__name" id={titleId} ref={titleRef} tabIndex={-1}>
          {contact.displayName}
        </h2>
        <p className="chat-header__meta">
          <span className="chat-header__channel">
            <ChannelIcon kind={conversation.channelKind} />
            {conversation.channelName}
          </span>
          <StatusBadge status={conversation.status} />
          <ReplyWindowLabel reply={reply} now={now} />
        </p>
      </div>
    </header>
  );
}
