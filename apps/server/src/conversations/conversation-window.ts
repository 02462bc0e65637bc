import {
  replyLockMessage,
  type ConversationStatus,
  type ReplyLockReason,
  type ReplyWindowView,
} from '#contracts';

/** WeChat's rules for replying (OA6, WC5): customer-initiated, 48 hours, N messages per customer message. */
export const REPLY_WINDOW_MS = 48 * 3_600_000;
export const DEFAULT_MESSAGES_PER_CUSTOMER_MESSAGE = 5;

/** Locks that outlast our own arithmetic: the platform's refusals (45015, 45047) and an unfollow. */
export type PlatformLock = 'window-expired' | 'budget-used' | 'unfollowed';

export interface ReplyInputs {
  channelStatus: 'active' | 'inactive';
  channelDeleted: boolean;
  conversationStatus: ConversationStatus;
  /** The customer's last message (events do not count). */
  lastCustomerMessageAt: Date | null;
  /** Agent messages queued, sent or unconfirmed since the customer's last message (failed ones do not count). */
  messagesUsed: number;
  /** The channel's N (from the adapter's reply rules). */
  messagesAllowed: number;
  platformLock: PlatformLock | null;
}

/**
 * The one place that decides whether an agent may reply now: the send policy refuses with this lock's
 * words, and every ConversationView carries it for the console's meter.
 */
export function replyWindow(input: ReplyInputs, now: Date): ReplyWindowView {
  const closesAt = input.lastCustomerMessageAt
    ? new Date(input.lastCustomerMessageAt.getTime() + REPLY_WINDOW_MS)
    : null;
  const counts = { messagesUsed: input.messagesUsed, messagesAllowed: input.messagesAllowed };
  const reason = lockReason(input, closesAt, now);
  return {
    closesAt: closesAt?.toISOString() ?? null,
    ...counts,
    messagesLeft: Math.max(0, input.messagesAllowed - input.messagesUsed),
    lock: reason ? { reason, message: replyLockMessage(reason, counts) } : null,
  };
}

function lockReason(input: ReplyInputs, closesAt: Date | null, now: Date): ReplyLockReason | null {
  if (input.channelDeleted) return 'channel-deleted';
  if (input.channelStatus !== 'active') return 'channel-inactive';
  if (input.conversationStatus === 'closed') return 'conversation-closed';
  if (input.platformLock === 'unfollowed') return 'unfollowed';
  if (!closesAt) return 'no-customer-message';
  if (now.getTime() >= closesAt.getTime() || input.platformLock === 'window-expired') return 'window-expired';
  if (input.messagesUsed >= input.messagesAllowed || input.platformLock === 'budget-used')
    return 'budget-used';
  return null;
}
