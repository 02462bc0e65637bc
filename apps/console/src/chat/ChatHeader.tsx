import type { ConversationView, ReplyWindowView } from '#contracts';
import type { ReactNode, Ref } from 'react';
import { contactHref } from '../routing/desk-route';
import { routeHref, type InboxView } from '../routing/hash-route';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';
import { StatusBadge } from '../ui/StatusBadge';
import { BackIcon, ClockIcon, LockIcon } from '../ui/icons';
import { meterText } from './reply-window';

interface ChatHeaderProps {
  conversation: ConversationView;
  view: InboxView;
  replyWindow: ReplyWindowView;
  now: number;
  titleId: string;
  titleRef: Ref<HTMLHeadingElement>;
  /** Take, assign, transfer, close… */
  actions?: ReactNode;
}

/** Hours before the window closes from which the countdown is shown as a warning. */
const WARN_BEFORE_MS = 2 * 3_600_000;

/** The reply window meter (RT3, OA6): time and messages left, or the lock and why. */
function ReplyMeter({ window, now }: { window: ReplyWindowView; now: number }) {
  if (window.lock?.reason === 'conversation-closed') return null;
  if (window.lock) {
    return (
      <span className="reply-window reply-window--locked" data-reply-lock={window.lock.reason}>
        <LockIcon size={13} /> <strong>Locked</strong> · {window.lock.message}
      </span>
    );
  }
  const soon =
    (window.closesAt !== null && Date.parse(window.closesAt) - now < WARN_BEFORE_MS) ||
    window.messagesLeft <= 1;
  return (
    <span className={`reply-window${soon ? ' reply-window--soon' : ''}`}>
      <ClockIcon size={13} /> {meterText(window, now)}
    </span>
  );
}

export function ChatHeader({
  conversation,
  view,
  replyWindow,
  now,
  titleId,
  titleRef,
  actions,
}: ChatHeaderProps) {
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
          <ReplyMeter window={replyWindow} now={now} />
          {/* Where the contact panel does not fit beside the chat. */}
          <a className="chat-header__contact-link" href={contactHref(contact.id)}>
            Contact details
          </a>
        </p>
      </div>
      {actions && <div className="chat-header__actions">{actions}</div>}
    </header>
  );
}
