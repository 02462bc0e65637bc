import { describe, expect, it } from '@jest/globals';
import { replyWindowAt } from '#contracts';
import { REPLY_WINDOW_MS, replyWindow, type ReplyInputs } from './conversation-window.js';

const customerWrote = new Date('2026-11-20T10:00:00Z');
const hours = (h: number) => new Date(customerWrote.getTime() + h * 3_600_000);
const closesAt = new Date(customerWrote.getTime() + REPLY_WINDOW_MS).toISOString();

const open: ReplyInputs = {
  channelStatus: 'active',
  channelDeleted: false,
  conversationStatus: 'active',
  lastCustomerMessageAt: customerWrote,
  messagesUsed: 2,
  messagesAllowed: 5,
  platformLock: null,
};

describe('replyWindow (OA6, WC5)', () => {
  it('is open for 48 hours after the customer wrote, with what is left of the budget', () => {
    expect(replyWindow(open, hours(47.9))).toEqual({
      closesAt,
      messagesAllowed: 5,
      messagesUsed: 2,
      messagesLeft: 3,
      lock: null,
    });
  });

  it('locks at exactly 48 hours, with the reason in words', () => {
    expect(replyWindow({ ...open, messagesUsed: 0 }, hours(48)).lock).toEqual({
      reason: 'window-expired',
      message: 'The customer has not written for 48 hours: WeChat allows no reply until they write again.',
    });
  });

  it('locks when the budget is used, before the 48 hours are over, and counts the channel’s own N', () => {
    expect(replyWindow({ ...open, messagesUsed: 5 }, hours(1)).lock).toEqual({
      reason: 'budget-used',
      message:
        '5 of 5 messages used since the customer last wrote: WeChat allows no more until they write again.',
    });
    expect(replyWindow({ ...open, messagesUsed: 5, messagesAllowed: 20 }, hours(1))).toMatchObject({
      messagesLeft: 15,
      lock: null,
    });
    expect(replyWindow({ ...open, messagesUsed: 20, messagesAllowed: 20 }, hours(1)).lock?.message).toMatch(
      /^20 of 20 messages used/,
    );
  });

  it('keeps a lock the platform imposed even where our own count says otherwise', () => {
    expect(replyWindow({ ...open, platformLock: 'budget-used' }, hours(1)).lock).toEqual({
      reason: 'budget-used',
      message: 'WeChat allows no more messages until the customer writes again (it refused after 2 of 5).',
    });
    expect(replyWindow({ ...open, platformLock: 'window-expired' }, hours(1)).lock?.reason).toBe(
      'window-expired',
    );
    expect(replyWindow({ ...open, platformLock: 'unfollowed' }, hours(1)).lock).toEqual({
      reason: 'unfollowed',
      message:
        'The customer unfollowed the account: WeChat allows no message until they follow it again and write.',
    });
  });

  it('is never open before the customer has written', () => {
    expect(replyWindow({ ...open, lastCustomerMessageAt: null, messagesUsed: 0 }, hours(0))).toMatchObject({
      closesAt: null,
      lock: { reason: 'no-customer-message' },
    });
  });

  it('puts the channel and the conversation before the window: deleted, deactivated, closed', () => {
    expect(replyWindow({ ...open, channelDeleted: true, channelStatus: 'inactive' }, hours(1)).lock).toEqual({
      reason: 'channel-deleted',
      message: 'This channel was deleted: its conversations are read-only.',
    });
    expect(replyWindow({ ...open, channelStatus: 'inactive' }, hours(1)).lock?.reason).toBe(
      'channel-inactive',
    );
    expect(replyWindow({ ...open, conversationStatus: 'closed' }, hours(1)).lock?.reason).toBe(
      'conversation-closed',
    );
  });
});

describe('replyWindowAt: the console’s countdown between updates', () => {
  it('turns an open window into the expired lock once its time is up, and leaves everything else as is', () => {
    const view = replyWindow(open, hours(47));
    expect(replyWindowAt(view, hours(47.99).getTime())).toBe(view);
    expect(replyWindowAt(view, hours(48).getTime()).lock).toEqual(replyWindow(open, hours(48)).lock);
    const locked = replyWindow({ ...open, messagesUsed: 5 }, hours(1));
    expect(replyWindowAt(locked, hours(49).getTime())).toBe(locked);
  });
});
