import type { ConversationView } from '#contracts';

/**
 * WeChat accepts replies for 48 hours after the customer's last message (OA6, WC5). The server enforces it;
 * the console only shows it, so that an agent sees a chat is locked before typing into it.
 */
const REPLY_WINDOW_MS = 48 * 3_600_000;

export type ReplyState =
  | { kind: 'open'; closesAt: number | null }
  | { kind: 'window-closed' }
  | { kind: 'conversation-closed' }
  /** The channel is deactivated or deleted (CH2): its conversations can be read, not answered. */
  | { kind: 'channel-unavailable'; deleted: boolean };

export function replyState(conversation: ConversationView, now: number): ReplyState {
  if (conversation.channelState !== 'active')
    return { kind: 'channel-unavailable', deleted: conversation.channelState === 'deleted' };
  if (conversation.status === 'closed') return { kind: 'conversation-closed' };
  if (!conversation.lastCustomerMessageAt) return { kind: 'open', closesAt: null };
  const closesAt = Date.parse(conversation.lastCustomerMessageAt) + REPLY_WINDOW_MS;
  return now >= closesAt ? { kind: 'window-closed' } : { kind: 'open', closesAt };
}
