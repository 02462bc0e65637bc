import type { ContactSearchHit, MessageSearchHit, SnippetPart } from '#contracts';
import type { KeyboardEvent } from 'react';
import { contactHref, conversationHref } from '../routing/desk-route';
import { Avatar } from '../ui/Avatar';
import { ChannelIcon } from '../ui/ChannelIcon';
import { StatusBadge } from '../ui/StatusBadge';
import { formatFullTime, formatListTime } from '../ui/time-format';

/** What matched, marked; plain text parts, never HTML. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}

function authorLabel(hit: MessageSearchHit): string {
  switch (hit.author) {
    case 'customer':
      return hit.authorName;
    case 'agent':
      return `Reply by ${hit.authorName}`;
    case 'note':
      return `Note by ${hit.authorName}`;
  }
}

/** Arrow keys move between the results, as in a list; Tab still goes through them one by one. */
export function moveBetweenResults(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...document.querySelectorAll<HTMLAnchorElement>('[data-search-result]')];
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = event.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : at - 1;
  event.preventDefault();
  if (next < 0) document.querySelector<HTMLInputElement>('#search-query')?.focus();
  else links[next].focus();
}

export function MessageResults({ hits, now }: { hits: MessageSearchHit[]; now: number }) {
  return (
    <ol className="search-results" aria-label="Messages found" onKeyDown={moveBetweenResults}>
      {hits.map((hit) => (
        <li key={hit.messageId}>
          <a
            className={`search-hit search-hit--${hit.author}`}
            href={conversationHref(hit.conversation, hit.messageId)}
            data-search-result=""
          >
            <Avatar
              name={hit.conversation.contact.displayName}
              url={hit.conversation.contact.avatarUrl}
              size={36}
            />
            <span className="search-hit__body">
              <span className="search-hit__top">
                <span className="search-hit__name">{hit.conversation.contact.displayName}</span>
                <time
                  className="search-hit__time"
                  dateTime={hit.createdAt}
                  title={formatFullTime(hit.createdAt)}
                >
                  {formatListTime(hit.createdAt, now)}
                </time>
              </span>
              <span className="search-hit__snippet">
                {hit.author !== 'customer' && (
                  <span className="search-hit__author">{authorLabel(hit)}: </span>
                )}
                <Snippet parts={hit.snippet} />
              </span>
              <span className="search-hit__meta">
                <span className="search-hit__channel">
                  <ChannelIcon kind={hit.conversation.channelKind} />
                  {hit.conversation.channelName}
                </span>
                <StatusBadge status={hit.conversation.status} />
              </span>
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}

export function ContactResults({ hits }: { hits: ContactSearchHit[] }) {
  return (
    <ul className="search-people" aria-label="People found" onKeyDown={moveBetweenResults}>
      {hits.map((hit) => (
        <li key={hit.contactId}>
          <a className="search-person" href={contactHref(hit.contactId)} data-search-result="">
            <Avatar name={hit.displayName} url={hit.avatarUrl} size={32} />
            <span className="search-person__body">
              <span className="search-person__name">{hit.displayName}</span>
              <span className="search-person__channels">
                {hit.channels.map((channel) => (
                  <span key={channel.channelId} className="search-hit__channel">
                    <ChannelIcon kind={channel.channelKind} />
                    {channel.channelName}
                  </span>
                ))}
              </span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
