import type { ConversationView, InboxSort } from '#contracts';
import type { InboxView } from '../routing/hash-route';

/** What the inbox shows: a view, for a user, narrowed by channel and department (RT3). */
export interface InboxSelection {
  view: InboxView;
  /** For "mine". */
  userId: string;
  channelId: string | null;
  departmentId: string | null;
  sort: InboxSort;
}

/** Queues by waiting time, the rest by the latest message (as the server's default). */
export function defaultSort(view: InboxView): InboxSort {
  return view === 'waiting' || view === 'missed' ? 'waiting' : 'latest';
}

/** The sorts a view offers: closed chats wait for nobody. */
export function sortsFor(view: InboxView): InboxSort[] {
  return view === 'closed' ? ['latest'] : ['waiting', 'latest'];
}

/** The server's rule (apps/server/src/conversations/inbox/inbox-views.ts), for live updates. */
export function belongsTo(selection: InboxSelection, conversation: ConversationView): boolean {
  if (selection.channelId && conversation.channelId !== selection.channelId) return false;
  if (selection.departmentId && conversation.departmentId !== selection.departmentId) return false;
  const status: string = conversation.status;
  switch (selection.view) {
    case 'waiting':
      return status === 'waiting';
    case 'missed':
      return status === 'missed';
    case 'closed':
      return status === 'closed';
    case 'open':
      return status !== 'closed';
    case 'mine':
      // The seam for group handling: a participant's chats will be theirs too once conversations have them.
      return status !== 'closed' && conversation.assigneeId === selection.userId;
  }
}

/** Since when the customer waits: their last message, or when the chat opened. */
export const waitingSince = (conversation: ConversationView): string =>
  conversation.lastCustomerMessageAt ?? conversation.createdAt;

/** The server's order: `waiting` the longest first, `latest` the newest first; the id breaks ties. */
export function compareFor(sort: InboxSort) {
  return (a: ConversationView, b: ConversationView): number => {
    if (sort === 'waiting') {
      return Date.parse(waitingSince(a)) - Date.parse(waitingSince(b)) || compareIds(a.id, b.id);
    }
    return Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || compareIds(b.id, a.id);
  };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortConversations(conversations: ConversationView[], sort: InboxSort): ConversationView[] {
  return [...conversations].sort(compareFor(sort));
}

/**
 * Applies a live update to the inbox: the row is inserted, replaced or removed (when it left this view),
 * and an update older than what the inbox already shows is ignored.
 */
export function applyConversationUpdate(
  list: ConversationView[],
  update: ConversationView,
  selection: InboxSelection,
): ConversationView[] {
  const current = list.find((c) => c.id === update.id);
  if (current && Date.parse(update.lastMessageAt) < Date.parse(current.lastMessageAt)) return list;
  const others = list.filter((c) => c.id !== update.id);
  return belongsTo(selection, update) ? sortConversations([...others, update], selection.sort) : others;
}

/** A further page joins the list; rows that live updates already brought are not repeated. */
export function appendPage(list: ConversationView[], page: ConversationView[]): ConversationView[] {
  const known = new Set(list.map((c) => c.id));
  return [...list, ...page.filter((c) => !known.has(c.id))];
}
