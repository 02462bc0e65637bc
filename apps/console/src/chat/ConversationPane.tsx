import type { ConversationActivityView, ConversationView, MessageView } from '#contracts';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { InboxView } from '../routing/hash-route';
import { ConversationTicketPanel } from '../tickets/ConversationTicketPanel';
import { Spinner } from '../ui/Spinner';
import { useNow } from '../ui/useNow';
import { ChatHeader } from './ChatHeader';
import type { SendAttachment, UploadAttachment } from './attachments/useAttachment';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { liveReplyWindow } from './reply-window';

interface ConversationPaneProps {
  conversationId: string;
  conversation: ConversationView | null;
  conversationError: string | null;
  notFound: boolean;
  view: InboxView;
  messages: MessageView[];
  messagesStatus: 'idle' | 'loading' | 'ready' | 'error';
  messagesError: string | null;
  onRetryMessages(): void;
  onSend(text: string): Promise<void>;
  onUpload: UploadAttachment;
  onSendAttachment: SendAttachment;
  /** Sends a failed or unconfirmed message again; throws an ApiError to show. */
  onRetryMessage(messageId: string): Promise<void>;
  onTyping(): void;
  /** A message to open the conversation at (from a search result). */
  focusMessageId?: string | null;
  /** The conversation's activity lines, shown between the messages. */
  activity?: ConversationActivityView[];
  /** The header's actions (take, assign, transfer, close). */
  actions?: ReactNode;
}

/** Where the composer can take the focus without pushing a phone's keyboard over the conversation. */
const WIDE_SCREEN = '(min-width: 761px)';

/** One conversation: who it is with, its messages, and the reply box. Give it `key={conversationId}`. */
export function ConversationPane(props: ConversationPaneProps) {
  const { conversationId, conversation, view } = props;
  // Often enough for the meter's minutes and for the lock to show when the 48 hours run out.
  const now = useNow(15_000);
  const titleId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const wide = window.matchMedia(WIDE_SCREEN).matches;
  const hasConversation = conversation !== null;

  useEffect(() => {
    if (hasConversation && !wide) title.current?.focus();
  }, [conversationId, hasConversation, wide]);

  if (!conversation) {
    if (props.notFound || props.conversationError) {
      return (
        <section className="chat chat--empty">
          <div className="empty-state" role="alert">
            <p className="empty-state__title">
              {props.notFound ? 'Conversation not found' : 'Couldn’t open this conversation'}
            </p>
            <p className="empty-state__text">
              {props.notFound
                ? 'It may have been removed, or you are not associated with its channel.'
                : props.conversationError}
            </p>
            <a className="button button--secondary" href={`#/${view}`}>
              Back to the inbox
            </a>
          </div>
        </section>
      );
    }
    return (
      <section className="chat chat--empty">
        <Spinner label="Opening conversation…" />
      </section>
    );
  }

  const replyWindow = liveReplyWindow(conversation, now);
  return (
    <section className="chat" aria-labelledby={titleId}>
      <ChatHeader
        conversation={conversation}
        view={view}
        replyWindow={replyWindow}
        now={now}
        titleId={titleId}
        titleRef={title}
        actions={props.actions}
      />
      <ConversationTicketPanel conversation={conversation} />
      <MessageList
        messages={props.messages}
        status={props.messagesStatus}
        error={props.messagesError}
        onRetry={props.onRetryMessages}
        onRetryMessage={props.onRetryMessage}
        focusMessageId={props.focusMessageId}
        activity={props.activity}
      />
      <Composer
        conversationId={conversationId}
        onSend={props.onSend}
        attachmentRules={conversation.attachmentRules}
        onUpload={props.onUpload}
        onSendAttachment={props.onSendAttachment}
        onTyping={props.onTyping}
        lock={replyWindow.lock}
        autoFocus={wide && !props.focusMessageId}
      />
    </section>
  );
}
