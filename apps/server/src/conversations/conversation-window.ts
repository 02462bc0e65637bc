/** WeChat's rules for replying (OA6, WC5): customer-initiated, 48 hours, N messages per customer message. */
export const REPLY_WINDOW_MS = 48 * 3_600_000;
export const DEFAULT_MESSAGES_PER_CUSTOMER_MESSAGE = 5;

export interface WindowInput {
  lastCustomerMessageAt: Date | null;
  /** Agent messages queued or sent since the customer's last message (failed ones do not count). */
  sentSinceCustomerMessage: number;
  budget: number;
}

export type ReplyWindow =
  | { open: true; closesAt: Date; remainingMessages: number }
  | { open: false; reason: 'no-customer-message' | 'window-closed' | 'budget-used'; closesAt: Date | null };

export function replyWindow(input: WindowInput, now: Date): ReplyWindow {
  if (!input.lastCustomerMessageAt) return { open: false, reason: 'no-customer-message', closesAt: null };
  const closesAt = new Date(input.lastCustomerMessageAt.getTime() + REPLY_WINDOW_MS);
  if (now.getTime() >= closesAt.getTime()) return { open: false, reason: 'window-closed', closesAt };
  const remainingMessages = input.budget - input.sentSinceCustomerMessage;
  if (remainingMessages <= 0) return { open: false, reason: 'budget-used', closesAt };
  return { open: true, closesAt, remainingMessages };
}
