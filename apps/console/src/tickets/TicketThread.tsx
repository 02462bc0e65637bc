import type { TicketThreadSegment, TicketThreadView } from '#contracts';
import { Fragment, useId } from 'react';
import { MessageBubble } from '../chat/MessageBubble';
import { ChannelIcon } from '../ui/ChannelIcon';
import { Spinner } from '../ui/Spinner';
import { StatusBadge } from '../ui/StatusBadge';
import { formatDay, formatFullTime, isSameDay } from '../ui/time-format';
import { useNow } from '../ui/useNow';
import { conversationHref } from './conversation-href';

interface TicketThreadProps {
  thread: TicketThreadView | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  onReload(): void;
  /** Sends a failed or unconfirmed message again, as in the chat; throws an ApiError to show. */
  onRetryMessage(conversationId: string, messageId: string): Promise<void>;
}

function Segment({
  segment,
  onRetryMessage,
}: { segment: TicketThreadSegment } & Pick<TicketThreadProps, 'onRetryMessage'>) {
  const now = useNow(60_000);
  const headingId = useId();
  const { conversation, messages } = segment;
  return (
    <article className="ticket-segment" aria-labelledby={headingId}>
      <header className="ticket-segment__head">
        <h3 className="ticket-segment__title" id={headingId}>
          <ChannelIcon kind={conversation.channelKind} />
          <span>
            Conversation on {conversation.channelName}, started {formatFullTime(conversation.createdAt)}
          </span>
        </h3>
        <StatusBadge status={conversation.status} />
        <a className="ticket-segment__open" href={conversationHref(conversation)}>
          Open in inbox<span className="visually-hidden"> (conversation on {conversation.channelName})</span>
        </a>
      </header>
      {segment.partial && (
        <p className="ticket-segment__partial">Only part of this conversation belongs to this ticket.</p>
      )}
      {messages.length === 0 ? (
        <p className="empty-state__text">No messages.</p>
      ) : (
        <ol
          className="message-list"
          aria-label={`Messages of the conversation on ${conversation.channelName}`}
        >
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            return (
              <Fragment key={message.id}>
                {(!previous || !isSameDay(previous.createdAt, message.createdAt)) && (
                  <li className="day-separator" aria-hidden="true">
                    <span>{formatDay(message.createdAt, now)}</span>
                  </li>
                )}
                <MessageBubble message={message} onRetry={(id) => onRetryMessage(conversation.id, id)} />
              </Fragment>
            );
          })}
        </ol>
      )}
    </article>
  );
}

/**
 * The ticket's thread: the messages of its conversations, read-only (replies are written in the chat), each
 * message drawn by the chat's own components.
 */
export function TicketThread({ thread, status, error, onReload, onRetryMessage }: TicketThreadProps) {
  const titleId = useId();
  return (
    <section className="ticket-thread" aria-labelledby={titleId}>
      <h2 className="ticket-thread__title" id={titleId}>
        Thread
      </h2>
      {status === 'loading' && !thread && <Spinner label="Loading the thread…" />}
      {status === 'error' && (
        <div className="callout callout--error" role="alert">
          {error}{' '}
          <button type="button" className="link-button" onClick={onReload}>
            Try again
          </button>
        </div>
      )}
      {thread?.segments.map((segment) => (
        <Segment key={segment.conversation.id} segment={segment} onRetryMessage={onRetryMessage} />
      ))}
      {thread && thread.hiddenConversations > 0 && (
        <p className="callout callout--info">
          {thread.hiddenConversations === 1
            ? 'One conversation of this ticket is on a channel you are not associated with; it is not shown.'
            : `${thread.hiddenConversations} conversations of this ticket are on channels you are not associated with; they are not shown.`}
        </p>
      )}
    </section>
  );
}
