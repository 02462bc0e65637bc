import type { ConversationView } from '#contracts';
import { routeHref } from '../routing/hash-route';

/** The conversation in the inbox, in the view it is listed in. */
export function conversationHref(conversation: Pick<ConversationView, 'id' | 'status'>): string {
  return routeHref({
    view: conversation.status === 'closed' ? 'closed' : 'open',
    conversationId: conversation.id,
  });
}
