import type { ConversationStatus } from '#contracts';
import { routeHref } from './hash-route';

/** The screens beside the inbox that every role has: `#/search?…`, `#/contacts/<id>`, `#/canned-replies`. */
export type DeskRoute =
  | { screen: 'search'; params: URLSearchParams }
  | { screen: 'contact'; contactId: string }
  | { screen: 'canned-replies' };

/** null when the hash is not one of these (then it is the inbox's or an admin screen's). */
export function parseDeskRoute(hash: string): DeskRoute | null {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/');
  if (parts[0] === 'search' && parts.length === 1)
    return { screen: 'search', params: new URLSearchParams(query) };
  if (parts[0] === 'contacts' && parts[1] && parts.length === 2) {
    return { screen: 'contact', contactId: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'canned-replies' && parts.length === 1) return { screen: 'canned-replies' };
  return null;
}

export const contactHref = (contactId: string) => `#/contacts/${encodeURIComponent(contactId)}`;

/** A conversation in the inbox view that holds it, opened at one of its messages when given. */
export function conversationHref(
  conversation: { id: string; status: ConversationStatus },
  messageId?: string,
) {
  return routeHref({
    view: conversation.status === 'closed' ? 'closed' : 'open',
    conversationId: conversation.id,
    messageId: messageId ?? null,
  });
}
