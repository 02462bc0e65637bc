import type { ConversationActivityView, MessageView } from '#contracts';
import { activityText } from '../assignment/activity-text';
import { mergeTimeline } from '../assignment/timeline';
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ArrowDownIcon } from '../ui/icons';
import { Spinner } from '../ui/Spinner';
import { formatClock, formatDay, isSameDay } from '../ui/time-format';
import { useNow } from '../ui/useNow';
import { MessageBubble } from './MessageBubble';

interface MessageListProps {
  messages: MessageView[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  onRetry(): void;
  onRetryMessage(messageId: string): Promise<void>;
  /** A message to show and mark (a search result opened here) instead of the latest. */
  focusMessageId?: string | null;
  /** Quiet lines between the messages: assigned, transferred, closed… */
  activity?: ConversationActivityView[];
}

/** Within this distance of the bottom, new messages scroll into view; further up, the agent is reading. */
const STICK_TO_BOTTOM_PX = 80;

export function MessageList({
  messages,
  status,
  error,
  onRetry,
  onRetryMessage,
  focusMessageId,
  activity = [],
}: MessageListProps) {
  const now = useNow(60_000);
  const scroller = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seenCount = useRef(0);
  const [unseen, setUnseen] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const added = messages.length - seenCount.current;
    const ownReply = messages.at(-1)?.direction === 'outbound' && added > 0;
    if (atBottom.current || ownReply) {
      element.scrollTop = element.scrollHeight;
      seenCount.current = messages.length;
      setUnseen(0);
    } else if (added > 0) {
      setUnseen(added);
    }
  }, [messages]);

  // After the scroll to the latest: a message asked for is centred, marked and focused, once it is loaded.
  const focused = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!focusMessageId || focused.current === focusMessageId) return;
    const element = log.current?.querySelector<HTMLElement>(
      `[data-message-id="${CSS.escape(focusMessageId)}"]`,
    );
    if (!element) return;
    focused.current = focusMessageId;
    atBottom.current = false;
    // Not React's attributes: it leaves them alone when the bubble re-renders.
    element.setAttribute('data-found', 'true');
    element.setAttribute('tabindex', '-1');
    element.scrollIntoView({ block: 'center' });
    // The agent, or their screen reader, lands on the message they looked for (the composer leaves it).
    element.focus({ preventScroll: true });
  }, [messages, focusMessageId]);

  // The scroller shrinks when an error or a taller draft appears below it, and the log grows when a picture
  // or a player finishes loading: either way the latest message stays in view.
  const showLog = status === 'ready' || messages.length > 0;
  const timeline = mergeTimeline(messages, activity);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    if (log.current) observer.observe(log.current);
    return () => observer.disconnect();
  }, [showLog]);

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
    if (atBottom.current) {
      seenCount.current = messages.length;
      setUnseen(0);
    }
  }

  function jumpToLatest() {
    const element = scroller.current;
    if (!element) return;
    element.scrollTo({ top: element.scrollHeight, behavior: 'smooth' });
  }

  return (
    <div className="message-scroller" ref={scroller} onScroll={onScroll}>
      {status === 'loading' && messages.length === 0 && <Spinner label="Loading messages…" />}
      {status === 'error' && (
        <div className="empty-state" role="alert">
          <p className="empty-state__title">Couldn’t load the messages</p>
          <p className="empty-state__text">{error}</p>
          <button type="button" className="button button--secondary" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {status === 'ready' && messages.length === 0 && (
        <div className="empty-state">
          <p className="empty-state__text">No messages in this conversation yet.</p>
        </div>
      )}
      {/* Mounted with the history already in it, so that only new messages are announced. */}
      {showLog && (
        <div className="message-log" ref={log} role="log" aria-label="Messages" aria-live="polite">
          <ol className="message-list">
            {timeline.map((item, index) => {
              const previous = timeline[index - 1];
              const newDay = !previous || !isSameDay(previous.at, item.at);
              return (
                <Fragment key={item.key}>
                  {newDay && (
                    <li className="day-separator" aria-hidden="true">
                      <span>{formatDay(item.at, now)}</span>
                    </li>
                  )}
                  {item.kind === 'message' ? (
                    <MessageBubble message={item.message} onRetry={onRetryMessage} />
                  ) : (
                    <li className="system-line system-line--activity" data-activity-kind={item.activity.kind}>
                      <span className="system-line__text">
                        {activityText(item.activity)} <time dateTime={item.at}>· {formatClock(item.at)}</time>
                      </span>
                    </li>
                  )}
                </Fragment>
              );
            })}
          </ol>
        </div>
      )}
      {unseen > 0 && (
        <button type="button" className="jump-to-latest" onClick={jumpToLatest}>
          {unseen} new message{unseen === 1 ? '' : 's'} <ArrowDownIcon size={14} />
        </button>
      )}
    </div>
  );
}
