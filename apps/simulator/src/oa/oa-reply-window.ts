import { PlatformRefusal } from '../platform-errors.js';
import { HOURS_48, type OaCustomer, type ReplyWindow } from './oa-model.js';

/** Menu clicks, follows and QR scans open a short window: 3 messages within 1 minute (current docs). */
export const EVENT_WINDOW_MS = 60_000;
export const EVENT_WINDOW_LIMIT = 3;

/** A customer message opens (or refreshes) the 48-hour window and resets the per-message quota. */
export function openWindowForMessage(customer: OaCustomer, now: number, quota: number): void {
  customer.window = { trigger: 'message', openedAt: now, expiresAt: now + HOURS_48, limit: quota, used: 0 };
  customer.lastMessageAt = now;
}

/**
 * A qualifying event grants 3 messages within a minute, unless a message window is already open
 * (an event never shortens or shrinks what the customer's own message granted).
 */
export function openWindowForEvent(
  customer: OaCustomer,
  trigger: 'click' | 'follow' | 'scan',
  now: number,
): void {
  const current = customer.window;
  if (current && current.trigger === 'message' && now < current.expiresAt && current.used < current.limit)
    return;
  customer.window = {
    trigger,
    openedAt: now,
    expiresAt: now + EVENT_WINDOW_MS,
    limit: EVENT_WINDOW_LIMIT,
    used: 0,
  };
}

/** Throws WeChat's refusal when a custom message may not be sent now. */
export function assertCanSend(customer: OaCustomer, now: number): ReplyWindow {
  const window = customer.window;
  if (!customer.subscribed || !window || now >= window.expiresAt) throw new PlatformRefusal(45015);
  if (window.used >= window.limit) throw new PlatformRefusal(45047);
  return window;
}

export function describeWindow(
  customer: OaCustomer,
  now: number,
): {
  open: boolean;
  trigger?: ReplyWindow['trigger'];
  expiresAt?: number;
  secondsLeft: number;
  used: number;
  remaining: number;
} {
  const window = customer.window;
  if (!window) return { open: false, secondsLeft: 0, used: 0, remaining: 0 };
  const open = customer.subscribed && now < window.expiresAt && window.used < window.limit;
  return {
    open,
    trigger: window.trigger,
    expiresAt: window.expiresAt,
    secondsLeft: Math.max(0, Math.floor((window.expiresAt - now) / 1000)),
    used: window.used,
    remaining: Math.max(0, window.limit - window.used),
  };
}
