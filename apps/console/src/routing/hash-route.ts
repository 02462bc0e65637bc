import { useEffect, useState } from 'react';

export type InboxView = 'open' | 'closed';

/** Where the agent is: `#/open`, `#/open/<conversation id>`, `#/closed/<conversation id>`. */
export interface Route {
  view: InboxView;
  conversationId: string | null;
}

export function parseRoute(hash: string): Route {
  const [view, conversationId] = hash.replace(/^#\/?/, '').split('/');
  // Another screen's address (e.g. #/admin/…) names no conversation: never ask the API for "channels".
  if (view !== 'open' && view !== 'closed') return { view: 'open', conversationId: null };
  return { view, conversationId: conversationId ? decodeURIComponent(conversationId) : null };
}

export function routeHref(route: Route): string {
  return `#/${route.view}${route.conversationId ? `/${encodeURIComponent(route.conversationId)}` : ''}`;
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
