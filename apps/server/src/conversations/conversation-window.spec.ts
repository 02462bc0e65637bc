import { describe, expect, it } from '@jest/globals';
import { REPLY_WINDOW_MS, replyWindow } from './conversation-window.js';

const customerWrote = new Date('2026-11-20T10:00:00Z');
const hours = (h: number) => new Date(customerWrote.getTime() + h * 3_600_000);

describe('replyWindow (OA6, WC5)', () => {
  it('is open for 48 hours after the customer wrote, with the remaining budget', () => {
    expect(
      replyWindow(
        { lastCustomerMessageAt: customerWrote, sentSinceCustomerMessage: 2, budget: 5 },
        hours(47.9),
      ),
    ).toEqual({
      open: true,
      closesAt: new Date(customerWrote.getTime() + REPLY_WINDOW_MS),
      remainingMessages: 3,
    });
  });

  it('closes at exactly 48 hours', () => {
    const window = replyWindow(
      { lastCustomerMessageAt: customerWrote, sentSinceCustomerMessage: 0, budget: 5 },
      hours(48),
    );
    expect(window).toMatchObject({ open: false, reason: 'window-closed' });
  });

  it('closes when the budget is used, before the 48 hours are over', () => {
    const window = replyWindow(
      { lastCustomerMessageAt: customerWrote, sentSinceCustomerMessage: 5, budget: 5 },
      hours(1),
    );
    expect(window).toMatchObject({ open: false, reason: 'budget-used' });
  });

  it('is never open before the customer has written', () => {
    expect(
      replyWindow({ lastCustomerMessageAt: null, sentSinceCustomerMessage: 0, budget: 5 }, hours(0)),
    ).toEqual({
      open: false,
      reason: 'no-customer-message',
      closesAt: null,
    });
  });
});
