import type { ConversationView } from '#contracts';
import type { InboxView } from '../routing/hash-route';

export function belongsTo(view: InboxView, conversation: ConversationView): boolean {
  return view === 'closed' ? conversation.status === 'closed' : conversation.status !== 'closed';
}

/** Most recent activity first; the id breaks ties so the order never flickers. */
export function sortByLastMessage(conversations: ConversationView[]): ConversationView[] {
  return [...conversations].sort(
    (a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || a.id.localeCompare(b.id),
  );
}

/**
 * Applies a live update to the inbox: the row is inserted, replaced or removed (when it left this view),
 * and an update older than what the inbox already shows is ignored.
 */
export function applyConversationUpdate(
  list: ConversationView[],
  update: ConversationView,
  view: InboxView,
): ConversationView[] {
  const current = list.find((c) => c.id === update.id);
  if (current && Date.parse(update.lastMessageAt) < Date.parse(current.lastMessageAt)) return list;
  const others = list.filter((c) => c.id !== update.id);
  return belongsTo(view, update) ? sortByLastMessage([...others, update]) : others;
}
