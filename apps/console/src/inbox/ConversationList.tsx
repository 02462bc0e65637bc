import type { ConversationView } from '#contracts';
import { routeHref, type InboxView } from '../routing/hash-route';
import { useNow } from '../ui/useNow';
import { ConversationRow } from './ConversationRow';

interface ConversationListProps {
  view: InboxView;
  conversations: ConversationView[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  selectedId: string | null;
  onRetry(): void;
}

const VIEWS: Array<{ view: InboxView; label: string }> = [
  { view: 'open', label: 'Open' },
  { view: 'closed', label: 'Closed' },
];

export function ConversationList({
  view,
  conversations,
  status,
  error,
  selectedId,
  onRetry,
}: ConversationListProps) {
  const now = useNow();
  return (
    <nav className="inbox" aria-label="Conversations">
      <div className="inbox__header">
        <h1 className="inbox__title">Inbox</h1>
        <ul className="segmented" aria-label="Show conversations">
          {VIEWS.map((option) => (
            <li key={option.view}>
              <a
                className="segmented__option"
                href={routeHref({ view: option.view, conversationId: null })}
                aria-current={option.view === view ? 'page' : undefined}
              >
                {option.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
      <InboxBody
        view={view}
        conversations={conversations}
        status={status}
        error={error}
        selectedId={selectedId}
        onRetry={onRetry}
        now={now}
      />
    </nav>
  );
}

function InboxBody({
  view,
  conversations,
  status,
  error,
  selectedId,
  onRetry,
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
        <p className="empty-state__title">
          {view === 'open' ? 'No open conversations' : 'No closed conversations'}
        </p>
        <p className="empty-state__text">
          {view === 'open'
            ? 'When a customer writes to one of your WeChat channels, the chat appears here right away.'
            : 'Conversations that have ended are kept here.'}
        </p>
      </div>
    );
  }
  return (
    <ul
      className="conversation-list"
      id="conversation-list"
      aria-label={`${conversations.length} ${view} conversation${conversations.length === 1 ? '' : 's'}`}
    >
      {conversations.map((conversation) => (
        <ConversationRow
          key={conversation.id}
          conversation={conversation}
          view={view}
          selected={conversation.id === selectedId}
          now={now}
        />
      ))}
    </ul>
  );
}
