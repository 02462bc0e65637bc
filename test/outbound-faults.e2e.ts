import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelView } from '#contracts';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

const SEND = '/cgi-bin/message/custom/send';
const TOKEN = '/cgi-bin/token';
const STABLE_TOKEN = '/cgi-bin/stable_token';

/**
 * What happens when WeChat misbehaves (NF3, OA8): faults that provably did not deliver are retried and the
 * customer gets the message once; a timeout is never retried behind the agent's back; tokens that die
 * mid-send are replaced once; configuration errors mark the channel and never loop.
 */
describe('outbound faults and tokens, against the simulator', () => {
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

  const paths = (since: number, ...only: string[]) =>
    desk
      .calls(since)
      .filter((c) => only.includes(c.path))
      .map((c) => [c.path, (c.response as { errcode?: number }).errcode ?? 0, c.fault ?? null]);

  it('retries once when WeChat is busy (-1) and the customer receives the message once', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.replyAndSettle(conversationId, 'warm-up'); // a stored token, so only custom/send is counted
    await desk.sim('POST', '/sim/faults', { path: SEND, kind: 'busy' });
    const since = desk.lastCallSeq();
    const sent = await desk.replyAndSettle(conversationId, '稍等，我查一下');
    expect(sent).toMatchObject({ deliveryState: 'sent', attempts: 2, failureReason: null });
    expect(paths(since, SEND)).toEqual([
      [SEND, -1, 'busy'],
      [SEND, 0, null],
    ]);
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual(['warm-up', '稍等，我查一下']);
  });

  it('retries once after an HTTP 500 error page and delivers once', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.sim('POST', '/sim/faults', { path: SEND, kind: 'http-500' });
    const since = desk.lastCallSeq();
    const sent = await desk.replyAndSettle(conversationId, 'after a 500');
    expect(sent).toMatchObject({ deliveryState: 'sent', attempts: 2 });
    expect(desk.calls(since, SEND).map((c) => c.fault ?? null)).toEqual(['http-500', null]);
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual(['after a 500']);
  });

  it('does not resend after a timeout: the message is unconfirmed, delivered once, and the agent may send it again', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.replyAndSettle(conversationId, 'warm-up');
    // WeChat takes the message but answers after our client has given up (5 s).
    await desk.sim('POST', '/sim/faults', { path: SEND, kind: 'delay', ms: 6000 });
    const since = desk.lastCallSeq();
    const unconfirmed = await desk.replyAndSettle(conversationId, 'slow network');
    expect(unconfirmed.deliveryState).toBe('unconfirmed');
    expect(unconfirmed.failureReason).toMatch(
      /^Not confirmed: WeChat did not answer in time .*WeChat may have delivered it; check with the customer before sending it again\.$/,
    );
    const inbox = await desk.until(
      () => desk.inbox(openid),
      (items) => items.length === 2,
    );
    expect(inbox.map((m) => m.content)).toEqual(['warm-up', 'slow network']);
    expect(desk.calls(since, SEND)).toHaveLength(1);
    // It still counts against the budget: WeChat may have it.
    expect((await desk.conversation(conversationId)).replyWindow.messagesUsed).toBe(2);

    const again = await desk.retry(conversationId, unconfirmed.id);
    expect(again.status).toBe(200);
    expect((await desk.settled(conversationId, unconfirmed.id)).deliveryState).toBe('sent');
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual([
      'warm-up',
      'slow network',
      'slow network',
    ]);
    expect((await desk.conversation(conversationId)).replyWindow.messagesUsed).toBe(2);
  }, 30_000);

  it('replaces a token that expired by the simulator’s clock mid-send, once, and delivers once', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.replyAndSettle(conversationId, 'before');
    product.simulator.clock.advance(7200);
    const since = desk.lastCallSeq();
    expect((await desk.replyAndSettle(conversationId, 'after expiry')).deliveryState).toBe('sent');
    expect(paths(since, SEND, TOKEN)).toEqual([
      [SEND, 42001, null],
      [TOKEN, 0, null],
      [SEND, 0, null],
    ]);
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual(['before', 'after expiry']);
  });

  it('survives another system fetching a token for the same AppID: ours works through the overlap, then is replaced once', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.replyAndSettle(conversationId, 'before');
    const { appId, appSecret } = desk.demo;
    const other = await fetch(
      `${product.simulator.url}${TOKEN}?grant_type=client_credential&appid=${appId}&secret=${appSecret}`,
    );
    expect(await other.json()).toHaveProperty('access_token');

    let since = desk.lastCallSeq();
    expect((await desk.replyAndSettle(conversationId, 'during the overlap')).deliveryState).toBe('sent');
    expect(paths(since, SEND, TOKEN)).toEqual([[SEND, 0, null]]);

    product.simulator.clock.advance(301);
    since = desk.lastCallSeq();
    expect((await desk.replyAndSettle(conversationId, 'after the overlap')).deliveryState).toBe('sent');
    expect(paths(since, SEND, TOKEN)).toEqual([
      [SEND, 40001, null],
      [TOKEN, 0, null],
      [SEND, 0, null],
    ]);
    expect(await desk.inbox(openid)).toHaveLength(3);
  });

  it('in stable_token mode, another system’s token fetches do not knock ours out', async () => {
    const shop = await desk.createOaChannel({ suffix: 'stbl', tokenMode: 'stable' });
    const { openid, conversationId } = await desk.customerWhoWrote(shop);
    let since = desk.lastCallSeq();
    await desk.replyAndSettle(conversationId, 'first');
    expect(paths(since, TOKEN, STABLE_TOKEN)).toEqual([[STABLE_TOKEN, 0, null]]);
    expect(await desk.sql(`SELECT key FROM access_tokens WHERE key LIKE $1`, [`%${shop.appId}`])).toEqual([
      { key: `wechat-oa-stable:${shop.appId}` },
    ]);

    // Another system on the same AppID, with either kind of token (without force_refresh).
    await fetch(
      `${product.simulator.url}${TOKEN}?grant_type=client_credential&appid=${shop.appId}&secret=${shop.appSecret}`,
    );
    await fetch(`${product.simulator.url}${STABLE_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: shop.appId, secret: shop.appSecret }),
    });
    product.simulator.clock.advance(301);
    since = desk.lastCallSeq();
    expect((await desk.replyAndSettle(conversationId, 'second')).deliveryState).toBe('sent');
    expect(paths(since, SEND, TOKEN, STABLE_TOKEN)).toEqual([[SEND, 0, null]]);
    expect((await desk.inbox(openid, shop)).map((m) => m.content)).toEqual(['first', 'second']);
  });

  it('marks the channel unhealthy on 40164 (IP not whitelisted), fails the messages readably, and never loops', async () => {
    const shop = await desk.createOaChannel({ suffix: 'ipwl' });
    await desk.sim('POST', `/sim/oa/accounts/${shop.appId}/ip-whitelist`, {
      enabled: true,
      ips: ['203.0.113.9'],
    });
    // From before the customer writes: the profile fetch for a new contact needs a token too.
    const since = desk.lastCallSeq();
    const { conversationId } = await desk.customerWhoWrote(shop);
    const expected =
      "Not sent: This server's IP address 127.0.0.1 is not on the Official Account's IP whitelist: add it in the WeChat admin console (Settings and development → Basic configuration → IP whitelist), then verify again. (WeChat error 40164)";

    const first = await desk.replyAndSettle(conversationId, 'one');
    expect(first).toMatchObject({ deliveryState: 'failed', failureReason: expected, attempts: 1 });
    const channel = await desk.api<ChannelView>(
      'GET',
      `/api/channels/${shop.channelId}`,
      undefined,
      product.admin.token,
    );
    expect(channel.body).toMatchObject({
      health: 'unhealthy',
      healthReason: expected.replace('Not sent: ', ''),
    });

    // The next message does not ask WeChat again; neither does the sender's next sweep (every 5 s).
    const second = await desk.replyAndSettle(conversationId, 'two');
    expect(second).toMatchObject({ deliveryState: 'failed', failureReason: expected });
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(paths(since, TOKEN, STABLE_TOKEN, SEND)).toEqual([[TOKEN, 40164, null]]);

    // The admin fixes the whitelist and verifies: healthy again, and the agent's retry goes out.
    await desk.sim('POST', `/sim/oa/accounts/${shop.appId}/ip-whitelist`, {
      enabled: true,
      ips: ['127.0.0.1'],
    });
    const verified = await desk.api(
      'POST',
      `/api/channels/${shop.channelId}/verify`,
      undefined,
      product.admin.token,
    );
    expect(verified.body).toMatchObject({ ok: true, problem: null });
    expect((await desk.retry(conversationId, second.id)).status).toBe(200);
    expect((await desk.settled(conversationId, second.id)).deliveryState).toBe('sent');
    const healthy = await desk.api<ChannelView>(
      'GET',
      `/api/channels/${shop.channelId}`,
      undefined,
      product.admin.token,
    );
    expect(healthy.body).toMatchObject({ health: 'ok', healthReason: null });
  }, 40_000);
});
