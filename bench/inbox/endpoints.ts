/**
 * What `npm run bench:inbox` measures: the requests an agent's console makes when it opens the inbox and a
 * conversation. The one place to change when the API changes (e.g. to point the inbox at `GET /api/inbox`
 * and its views): every entry is measured for every user of the run.
 */
export interface InboxEndpoint {
  name: string;
  /** The path to request; `conversationId` is one the user may open, different from one request to the next. */
  path(conversationId: string): string;
}

export const INBOX_ENDPOINTS: InboxEndpoint[] = [
  { name: 'inbox first page: open (waiting + active)', path: () => '/api/conversations?status=open' },
  { name: 'inbox first page: waiting', path: () => '/api/conversations?status=waiting' },
  { name: 'inbox first page: closed', path: () => '/api/conversations?status=closed' },
  { name: 'conversation: header', path: (id) => `/api/conversations/${id}` },
  { name: 'conversation: history', path: (id) => `/api/conversations/${id}/messages` },
];
