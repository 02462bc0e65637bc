import type { ConversationView, InboxCounts, InboxSort } from '#contracts';
import type { ReactNode } from 'react';
import { routeHref, type InboxView } from '../routing/hash-route';
import { useNow } from '../ui/useNow';
import { ConversationRow } from './ConversationRow';

interface ConversationListProps {
  view: InboxView;
  sort: InboxSort;
  conversations: ConversationView[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  selectedId: string | null;
  onRetry(): void;
  /** The views' counts (null until the first answer). */
  counts: InboxCounts | null;
  /** The filter bar. */
  filters: ReactNode;
  /** The order, beside the title. */
  sortControl: ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onShowShortcuts(): void;
}

const VIEWS: Array<{ view: InboxView; label: string }> = [
  { view: 'waiting', label: 'Waiting' },
  { view: 'mine', label: 'Mine' },
  { view: 'open', label: 'All open' },
  { view: 'missed', label: 'Missed' },
  { view: 'closed', label: 'Closed' },
];

const EMPTY: Record<InboxView, { title: string; text: string }> = {
  waiting: {
    title: 'Nobody is waiting',
    text: 'When a customer writes to one of your WeChat channels, the chat appears here right away.',
  },
  mine: { title: 'No chats of yours', text: 'Chats you take or reply to are listed here until they close.' },
  open: {
    title: 'No open conversations',
    text: 'When a customer writes to one of your WeChat channels, the chat appears here right away.',
  },
  missed: { title: 'No missed chats', text: 'Chats that waited too long for an agent are kept here.' },
  closed: { title: 'No closed conversations', text: 'Conversations that have ended are kept here.' },
};

export function ConversationList(props: ConversationListProps) {
  const { view, counts } = props;
  const now = useNow();
  return (
    <nav className="inbox" aria-label="Conversations">
      <div className="inbox__header">
        <h1 className="inbox__title">Inbox</h1>
        <span className="inbox__tools">
          {props.sortControl}
          <button
            type="button"
            className="button button--ghost button--small inbox__shortcuts"
            onClick={props.onShowShortcuts}
            aria-label="Keyboard shortcuts"
            aria-keyshortcuts="?"
            title="Keyboard shortcuts (?)"
          >
            <kbd aria-hidden="true">?</kbd>
          </button>
        </span>
      </div>
      <ul className="inbox-views" aria-label="Inbox views">
        {VIEWS.map((option) => (
          <li key={option.view}>
            <a
              className="inbox-views__option"
              href={routeHref({ view: option.view, conversationId: null })}
              aria-current={option.view === view ? 'page' : undefined}
              data-view={option.view}
            >
              <span>{option.label}</span>
              <span className="inbox-views__count" data-count={counts?.[option.view] ?? ''}>
                <span className="visually-hidden">, </span>
                {counts
                  ? `${counts[option.view]}${option.view === 'closed' && counts.closedCapped ? '+' : ''}`
                  : '…'}
                <span className="visually-hidden"> conversations</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      {props.filters}
      <InboxBody {...props} now={now} />
    </nav>
  );
}

function InboxBody({
  view,
  sort,
  conversations,
  status,
  error,
  selectedId,
  onRetry,
  hasMore,
  loadingMore,
  onLoadMore,
  now,
}: ConversationListProps & { now: number }) {
  if (status === 'loading' && conversations.length === 0) {
    return (
      <div className="inbox__skeleton" role="status" aria-label="Loading conversations">
        {[0, 1, 2, 3].map((row) => (
          <div className="skeleton-row" key={row} aria-hidden="true">
            <span className="skeleton skeleton--circle" />
            <span className="skeleton-row__lines">
              <span className="skeleton skeleton--line" />
              <span className="skeleton skeleton--line skeleton--short" />
            </span>
          </div>
        ))}
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="empty-state empty-state--compact" role="alert">
        <p className="empty-state__title">Couldn’t load conversations</p>
        <p className="empty-state__text">{error}</p>
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (conversations.length === 0) {
    return (
      <div className="empty-state empty-state--compact">
        <p className="empty-state__title">{EMPTY[view].title}</p>
        <p className="empty-state__text">{EMPTY[view].text}</p>
      </div>
    );
  }
  return (
    <div className="inbox__scroller">
      <ul
        className="conversation-list"
        id="conversation-list"
        aria-label={`${conversations.length}${hasMore ? '+' : ''} ${VIEWS.find((v) => v.view === view)!.label.toLowerCase()} conversation${conversations.length === 1 ? '' : 's'}`}
        aria-keyshortcuts="j k ArrowDown ArrowUp"
      >
        {conversations.map((conversation) => (
          <ConversationRow
            key={conversation.id}
            conversation={conversation}
            view={view}
            showWaiting={sort === 'waiting'}
            selected={conversation.id === selectedId}
            now={now}
          />
        ))}
      </ul>
      {hasMore && (
        <button
          type="button"
          className="button button--secondary inbox__more"
          disabled={loadingMore}
          onClick={onLoadMore}
        >
          {loadingMore ? 'Loading…' : 'Show more'}
        </button>
      )}
    </div>
  );
}
