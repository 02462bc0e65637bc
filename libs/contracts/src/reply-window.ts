/**
 * Whether an agent may reply now, and why not (OA6, WC5). The server computes it for every conversation it
 * returns; the console re-evaluates it against its own clock between updates (the 48 hours run out while
 * the screen is open), with the same words.
 */
export type ReplyLockReason =
  | 'channel-deleted'
  | 'channel-inactive'
  | 'conversation-closed'
  | 'unfollowed'
  | 'no-customer-message'
  | 'window-expired'
  | 'budget-used';

export interface ReplyLock {
  reason: ReplyLockReason;
  /** For the agent, e.g. "The customer has not written for 48 hours: …". */
  message: string;
}

export interface ReplyWindowView {
  /** When the 48 hours after the customer's last message run out; null before the customer has written. */
  closesAt: string | null;
  /** Agent messages allowed per customer message on this channel (N: 5 by default). */
  messagesAllowed: number;
  /** Agent messages queued, sent or possibly delivered since the customer's last message. */
  messagesUsed: number;
  messagesLeft: number;
  /** Null while a reply is allowed. */
  lock: ReplyLock | null;
}

export function replyLockMessage(
  reason: ReplyLockReason,
  counts: { messagesUsed: number; messagesAllowed: number },
): string {
  switch (reason) {
    case 'channel-deleted':
      return 'This channel was deleted: its conversations are read-only.';
    case 'channel-inactive':
      return 'This channel is deactivated: no replies can be sent until an admin reactivates it.';
    case 'conversation-closed':
      return 'This conversation is closed: replies can no longer be sent.';
    case 'unfollowed':
      return 'The customer unfollowed the account: WeChat allows no message until they follow it again and write.';
    case 'no-customer-message':
      return 'The customer has not written yet: WeChat only allows replies after a customer’s message.';
    case 'window-expired':
      return 'The customer has not written for 48 hours: WeChat allows no reply until they write again.';
    case 'budget-used': {
      const { messagesUsed, messagesAllowed } = counts;
      return messagesUsed >= messagesAllowed
        ? `${messagesAllowed} of ${messagesAllowed} messages used since the customer last wrote: WeChat allows no more until they write again.`
        : `WeChat allows no more messages until the customer writes again (it refused after ${messagesUsed} of ${messagesAllowed}).`;
    }
  }
}

/** The window as it stands at `now`: a window the server reported open may have run out since. */
export function replyWindowAt(window: ReplyWindowView, now: number): ReplyWindowView {
  if (window.lock || window.closesAt === null || now < Date.parse(window.closesAt)) return window;
  return {
    ...window,
    lock: { reason: 'window-expired', message: replyLockMessage('window-expired', window) },
  };
}
