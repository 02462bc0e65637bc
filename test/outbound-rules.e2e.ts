import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OaDesk, type OaAccountFixture } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

const SEND = '/cgi-bin/message/custom/send';
const HOUR = 3600;

/**
 * WeChat's reply rules (OA6) end to end, server + simulator + PostgreSQL: our own policy refuses before
 * anything is stored or sent, the platform's refusals lock the conversation with the same words, and the
 * customer's next message unlocks it.
 */
describe('outbound rules: the 48-hour window, the message budget and the locks', () => {
  let product: Product;
  let desk: OaDesk;

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
  }, 60_000);

  afterAll(async () => {
    await desk?.close();
    await product?.stop();
  });

  it('carries the window in the conversation: time and messages left, counted as replies go out', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    const before = await desk.conversation(conversationId);
    expect(before.replyWindow).toEqual({
      closesAt: new Date(Date.parse(before.lastCustomerMessageAt!) + 48 * HOUR * 1000).toISOString(),
      messagesAllowed: 5,
      messagesUsed: 0,
      messagesLeft: 5,
      lock: null,
    });
    expect((await desk.replyAndSettle(conversationId, 'first')).deliveryState).toBe('sent');
    expect((await desk.conversation(conversationId)).replyWindow).toMatchObject({
      messagesUsed: 1,
      messagesLeft: 4,
      lock: null,
    });
  });

  it('sends 5 replies per customer message, refuses the 6th without calling WeChat, and unlocks when the customer writes', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    const since = desk.lastCallSeq();
    for (let i = 1; i <= 5; i++) {
      expect((await desk.replyAndSettle(conversationId, `reply ${i}`)).deliveryState).toBe('sent');
    }
    const sixth = await desk.reply(conversationId, 'reply 6');
    expect(sixth.status).toBe(409);
    expect(sixth.body).toMatchObject({
      code: 'message_budget_used',
      message:
        '5 of 5 messages used since the customer last wrote: WeChat allows no more until they write again.',
    });
    expect(desk.calls(since, SEND)).toHaveLength(5);
    expect((await desk.messages(conversationId)).map((m) => m.text)).not.toContain('reply 6');
    expect((await desk.conversation(conversationId)).replyWindow).toMatchObject({
      messagesUsed: 5,
      messagesLeft: 0,
      lock: { reason: 'budget-used' },
    });

    await desk.customerSays(openid, '还有一个问题');
    expect((await desk.conversation(conversationId)).replyWindow).toMatchObject({
      messagesUsed: 0,
      messagesLeft: 5,
      lock: null,
    });
    expect((await desk.replyAndSettle(conversationId, 'reply 6')).deliveryState).toBe('sent');
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual([
      'reply 1',
      'reply 2',
      'reply 3',
      'reply 4',
      'reply 5',
      'reply 6',
    ]);
  });

  it('refuses a reply 48 hours after the customer’s last message by our own clock, sending nothing', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    await desk.sql(
      `UPDATE conversations SET last_customer_message_at = now() - interval '48 hours 1 minute' WHERE id = $1`,
      [conversationId],
    );
    const since = desk.lastCallSeq();
    const refused = await desk.reply(conversationId, 'too late');
    expect(refused).toMatchObject({
      status: 409,
      body: {
        code: 'window_closed',
        message: 'The customer has not written for 48 hours: WeChat allows no reply until they write again.',
      },
    });
    expect(desk.calls(since, SEND)).toEqual([]);
    expect((await desk.conversation(conversationId)).replyWindow.lock?.reason).toBe('window-expired');
  });

  it('locks the conversation when WeChat says the window is over (simulator clock +48 h); the customer writing again opens a new one', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    product.simulator.clock.advance(48 * HOUR + 1);

    const refused = await desk.replyAndSettle(conversationId, 'are you there?');
    expect(refused.deliveryState).toBe('failed');
    expect(refused.failureReason).toMatch(/^WeChat refused: .*\(WeChat error 45015\)$/);
    const locked = await desk.conversation(conversationId);
    expect(locked.replyWindow.lock).toEqual({
      reason: 'window-expired',
      message: 'The customer has not written for 48 hours: WeChat allows no reply until they write again.',
    });
    const since = desk.lastCallSeq();
    expect(await desk.reply(conversationId, 'again?')).toMatchObject({
      status: 409,
      body: { code: 'window_closed' },
    });
    expect(desk.calls(since, SEND)).toEqual([]);

    // After 48 hours of silence the customer's message starts a new conversation (CV2), open for replies.
    await desk.customerSays(openid, '我回来了');
    expect((await desk.conversation(conversationId)).status).toBe('closed');
    const fresh = await desk.conversationIdOf(openid);
    expect(fresh).not.toBe(conversationId);
    expect((await desk.conversation(fresh)).replyWindow.lock).toBeNull();
    expect((await desk.replyAndSettle(fresh, 'welcome back')).deliveryState).toBe('sent');
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual(['welcome back']);
  });

  it('locks as unfollowed when the unsubscribe event arrives, and refuses without calling WeChat', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.customerDoes(openid, { type: 'unfollow' });
    const view = await desk.conversation(conversationId);
    expect(view.replyWindow.lock).toEqual({
      reason: 'unfollowed',
      message:
        'The customer unfollowed the account: WeChat allows no message until they follow it again and write.',
    });
    const since = desk.lastCallSeq();
    expect(await desk.reply(conversationId, 'please come back')).toMatchObject({
      status: 409,
      body: { code: 'customer_unfollowed' },
    });
    expect(desk.calls(since, SEND)).toEqual([]);
  });

  it('maps WeChat’s 45015 for a customer who unfollowed unnoticed to the unfollowed lock', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    // WeChat's three attempts to tell us about the unfollow are all lost.
    await desk.sim('POST', '/sim/faults', {
      path: `/callbacks/wechat-oa/${desk.demo.channelId}`,
      kind: 'drop-callback',
      count: 3,
    });
    expect((await desk.customerDoes(openid, { type: 'unfollow' })).delivered).toBe(false);
    expect((await desk.conversation(conversationId)).replyWindow.lock).toBeNull();

    const refused = await desk.replyAndSettle(conversationId, 'hello?');
    expect(refused.deliveryState).toBe('failed');
    expect(refused.failureReason).toBe(
      'WeChat refused: the customer has unfollowed the account (WeChat error 45015)',
    );
    expect((await desk.conversation(conversationId)).replyWindow.lock?.reason).toBe('unfollowed');
  });

  it('does not let events reopen or reset the window: a menu click and a location report change nothing', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.replyAndSettle(conversationId, 'one');
    await desk.replyAndSettle(conversationId, 'two');
    const before = await desk.conversation(conversationId);
    product.simulator.clock.advance(HOUR);
    await desk.customerDoes(openid, { type: 'click', eventKey: 'TALK_TO_AGENT' });
    await desk.customerDoes(openid, {
      type: 'event',
      event: 'LOCATION',
      latitude: 31.2,
      longitude: 121.5,
      precision: 30,
    });
    const after = await desk.conversation(conversationId);
    expect(after.lastCustomerMessageAt).toBe(before.lastCustomerMessageAt);
    expect(after.replyWindow).toEqual(before.replyWindow);
    expect(after.replyWindow.messagesUsed).toBe(2);
  });

  describe('on a channel allowing 20 messages per customer message', () => {
    let shop: OaAccountFixture;

    beforeAll(async () => {
      shop = await desk.createOaChannel({
        suffix: 'q20',
        messagesPerCustomerMessage: 20,
        account: { quotaPerCustomerMessage: 20 },
      });
    });

    it('sends 20 replies and refuses the 21st with the channel’s own number', async () => {
      const { openid, conversationId } = await desk.customerWhoWrote(shop);
      expect((await desk.conversation(conversationId)).replyWindow.messagesAllowed).toBe(20);
      for (let i = 1; i <= 20; i++) {
        expect((await desk.replyAndSettle(conversationId, `m${i}`)).deliveryState).toBe('sent');
      }
      expect(await desk.reply(conversationId, 'm21')).toMatchObject({
        status: 409,
        body: {
          code: 'message_budget_used',
          message:
            '20 of 20 messages used since the customer last wrote: WeChat allows no more until they write again.',
        },
      });
      expect(await desk.inbox(openid, shop)).toHaveLength(20);
    });

    it('locks when WeChat allows fewer than the setting (45047), and lets the agent retry the refused message once unlocked', async () => {
      await desk.sim('POST', '/sim/oa/accounts', { appId: shop.appId, quotaPerCustomerMessage: 5 });
      const { openid, conversationId } = await desk.customerWhoWrote(shop);
      for (let i = 1; i <= 5; i++) await desk.replyAndSettle(conversationId, `m${i}`);
      const sixth = await desk.replyAndSettle(conversationId, 'm6');
      expect(sixth.deliveryState).toBe('failed');
      expect(sixth.failureReason).toMatch(/\(WeChat error 45047\)$/);
      expect((await desk.conversation(conversationId)).replyWindow.lock).toEqual({
        reason: 'budget-used',
        message: 'WeChat allows no more messages until the customer writes again (it refused after 5 of 20).',
      });

      // Locked: the retry is refused like a new message, and changes nothing.
      expect(await desk.retry(conversationId, sixth.id)).toMatchObject({
        status: 409,
        body: { code: 'message_budget_used' },
      });
      const sent = (await desk.messages(conversationId)).find((m) => m.text === 'm5')!;
      expect(await desk.retry(conversationId, sent.id)).toMatchObject({
        status: 409,
        body: { code: 'conflict' },
      });
      expect((await desk.retry(conversationId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

      await desk.customerSays(openid, '继续', shop);
      const retried = await desk.retry(conversationId, sixth.id);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: sixth.id, deliveryState: 'queued', retries: 1 });
      expect((await desk.settled(conversationId, sixth.id)).deliveryState).toBe('sent');
      // It went out after the customer's new message, and it is shown there.
      const order = (await desk.messages(conversationId)).map((m) => m.text);
      expect(order.slice(-2)).toEqual(['继续', 'm6']);
      expect((await desk.inbox(openid, shop)).map((m) => m.content)).toEqual([
        'm1',
        'm2',
        'm3',
        'm4',
        'm5',
        'm6',
      ]);
    });
  });

  it('keeps a deleted channel’s conversations read-only: replies and retries refused', async () => {
    const shop = await desk.createOaChannel({ suffix: 'del' });
    const { conversationId } = await desk.customerWhoWrote(shop);
    await desk.sql(`UPDATE channels SET deleted_at = now() WHERE id = $1`, [shop.channelId]);
    const refused = await desk.reply(conversationId, 'hello');
    expect(refused).toMatchObject({
      status: 409,
      body: {
        code: 'channel_deleted',
        message: 'This channel was deleted: its conversations are read-only.',
      },
    });
    expect((await desk.conversation(conversationId)).replyWindow.lock?.reason).toBe('channel-deleted');
    expect((await desk.messages(conversationId)).filter((m) => m.direction === 'outbound')).toEqual([]);
  });
});
