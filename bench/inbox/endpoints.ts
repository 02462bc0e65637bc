/**
 * What `npm run bench:inbox` measures: the requests an agent's console makes when it opens the inbox and a
 * conversation. The one place to change when the API changes: every entry is measured for every user of the
 * run.
 */
export interface InboxEndpoint {
  name: string;
  /** The path to request; `conversationId` is one the user may open, different from one request to the next. */
  path(conversationId: string): string;
}

export const INBOX_ENDPOINTS: InboxEndpoint[] = [
  // What the console asks for (apps/console/src/inbox/useInbox.ts: pages of 50, and the views' counts).
  { name: 'inbox first page: all open, latest', path: () => '/api/inbox?view=open&sort=latest&limit=50' },
  { name: 'inbox first page: waiting, longest', path: () => '/api/inbox?view=waiting&sort=waiting&limit=50' },
  { name: 'inbox first page: mine', path: () => '/api/inbox?view=mine&limit=50' },
  { name: 'inbox first page: closed', path: () => '/api/inbox?view=closed&limit=50' },
  { name: 'inbox counts (five views)', path: () => '/api/inbox/counts' },
  // The older list, 200 rows a page, still in the API.
  { name: 'conversation list: open (200)', path: () => '/api/conversations?status=open' },
  { name: 'conversation: header', path: (id) => `/api/conversations/${id}` },
  { name: 'conversation: history', path: (id) => `/api/conversations/${id}/messages` },
];
