import { useEffect, useState } from 'react';

export type InboxView = 'open' | 'closed';

/**
 * Where the agent is: `#/open`, `#/open/<conversation id>`, `#/closed/<conversation id>`; a search result
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
  if (view !== 'open' && view !== 'closed') return { view: 'open', conversationId: null };
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
