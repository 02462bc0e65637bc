import { INBOX_VIEWS, type InboxViewName } from '#contracts';
import { useEffect, useState } from 'react';

/** The inbox's views (RT3): waiting, mine, all open, missed, closed. */
export type InboxView = InboxViewName;

const isInboxView = (view: string): view is InboxView => (INBOX_VIEWS as readonly string[]).includes(view);

/**
 * Where the agent is: `#/<view>` or `#/<view>/<conversation id>` (view: waiting, mine, open, missed, closed);
 * a search result
 * adds the message to show, `#/open/<conversation id>?message=<message id>`.
 */
export interface Route {
  view: InboxView;
  conversationId: string | null;
  messageId?: string | null;
}

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, conversationId] = path.split('/');
  // Another screen's address (e.g. #/admin/…) names no conversation: never ask the API for "channels".
  if (!isInboxView(view)) return { view: 'open', conversationId: null };
  if (!conversationId) return { view, conversationId: null };
  const messageId = new URLSearchParams(query).get('message');
  return { view, conversationId: decodeURIComponent(conversationId), ...(messageId ? { messageId } : {}) };
}

export function routeHref(route: Route): string {
  const conversation = route.conversationId ? `/${encodeURIComponent(route.conversationId)}` : '';
  const message =
    route.conversationId && route.messageId ? `?message=${encodeURIComponent(route.messageId)}` : '';
  return `#/${route.view}${conversation}${message}`;
}

/** The hash is the console's only routing: the server serves one page, and the back button works on phones. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
