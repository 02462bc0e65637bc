import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelVerification, ChannelView } from '#contracts';
import { OaDesk, type OaAccountFixture } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

const TOKEN = '/cgi-bin/token';
const STABLE_TOKEN = '/cgi-bin/stable_token';
const KF_LIST = '/cgi-bin/customservice/getkflist';

/**
 * "Verify installation" (issue 4, item 3): the admin asks whether WeChat accepts the channel's setup and
 * gets a readable answer for each way it can be wrong; the answer becomes the channel's health; nothing is
 * retried and no token in use is superseded.
 */
describe('POST /api/channels/:id/verify', () => {
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

  const verify = (channelId: string, token = product.admin.token) =>
    desk.api<ChannelVerification & { code?: string }>(
      'POST',
      `/api/channels/${channelId}/verify`,
      undefined,
      token,
    );
  const health = async (channelId: string) =>
    (await desk.api<ChannelView>('GET', `/api/channels/${channelId}`, undefined, product.admin.token)).body;
  const calls = (since: number) =>
    desk.calls(since).map((c) => [c.path, (c.response as { errcode?: number }).errcode ?? 0]);

  it('says ok for a working channel, records it, and supersedes no token', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    await desk.replyAndSettle(conversationId, 'a token is stored now');
    const [before] = await desk.sql(`SELECT token_fingerprint FROM access_tokens WHERE key = $1`, [
      `wechat-oa:${desk.demo.appId}`,
    ]);
    const since = desk.lastCallSeq();
    const result = await verify(desk.demo.channelId);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      ok: true,
      problem: null,
      message:
        'WeChat accepted the AppID and AppSecret from this server’s IP address, and the account may send customer-service messages.',
      checkedAt: expect.any(String),
    });
    // One call each: credentials (without force_refresh), the stored token reused, the permission.
    expect(calls(since)).toEqual([
      [STABLE_TOKEN, 0],
      [KF_LIST, 0],
    ]);
    expect(desk.calls(since).find((c) => c.path === STABLE_TOKEN)!.body).toMatchObject({
      force_refresh: false,
    });
    const [after] = await desk.sql(`SELECT token_fingerprint FROM access_tokens WHERE key = $1`, [
      `wechat-oa:${desk.demo.appId}`,
    ]);
    expect(after).toEqual(before);
    expect(await health(desk.demo.channelId)).toMatchObject({ health: 'ok', healthReason: null });
    expect((await desk.replyAndSettle(conversationId, 'still works')).deliveryState).toBe('sent');
  });

  it('is for admins only', async () => {
    const refused = await verify(desk.demo.channelId, desk.agentToken);
    expect(refused.status).toBe(403);
    expect((await verify('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await verify('not-a-uuid')).status).toBe(400);
  });

  describe('when the setup is wrong', () => {
    let shop: OaAccountFixture;

    beforeAll(async () => {
      shop = await desk.createOaChannel({ suffix: 'vrfy' });
    });

    it('reports the IP whitelist with this server’s address, once', async () => {
      await desk.sim('POST', `/sim/oa/accounts/${shop.appId}/ip-whitelist`, {
        enabled: true,
        ips: ['198.51.100.4'],
      });
      const since = desk.lastCallSeq();
      const result = await verify(shop.channelId);
      expect(result.body).toMatchObject({
        ok: false,
        problem: 'ip-not-whitelisted',
        message:
          "This server's IP address 127.0.0.1 is not on the Official Account's IP whitelist: add it in the WeChat admin console (Settings and development → Basic configuration → IP whitelist), then verify again. (WeChat error 40164)",
      });
      expect(calls(since)).toEqual([[STABLE_TOKEN, 40164]]);
      expect(await health(shop.channelId)).toMatchObject({
        health: 'unhealthy',
        healthReason: result.body.message,
      });
      await desk.sim('POST', `/sim/oa/accounts/${shop.appId}/ip-whitelist`, { enabled: false });
    });

    it('reports a wrong AppSecret', async () => {
      // The secret was reset in WeChat's admin console; the channel still has the old one.
      await desk.sim('POST', '/sim/oa/accounts', {
        appId: shop.appId,
        appSecret: 'resetresetresetresetresetreset12',
      });
      const since = desk.lastCallSeq();
      const result = await verify(shop.channelId);
      expect(result.body).toMatchObject({
        ok: false,
        problem: 'bad-credentials',
        message:
          'WeChat refused the AppSecret: paste the current one from the WeChat admin console (Settings and development → Basic configuration) into the channel settings. (WeChat error 40125)',
      });
      expect(calls(since)).toEqual([[STABLE_TOKEN, 40125]]);
      await desk.sim('POST', '/sim/oa/accounts', { appId: shop.appId, appSecret: shop.appSecret });
    });

    it('reports a missing customer-service permission (48001), then ok once granted', async () => {
      await desk.sim('POST', '/sim/oa/accounts', { appId: shop.appId, customerServicePermission: false });
      const since = desk.lastCallSeq();
      const result = await verify(shop.channelId);
      expect(result.body).toMatchObject({
        ok: false,
        problem: 'no-permission',
        message:
          'This Official Account may not send customer-service messages: it needs the customer-service message permission (a verified service account, or a verified subscription account). (WeChat error 48001)',
      });
      expect(calls(since)).toEqual([
        [STABLE_TOKEN, 0],
        [TOKEN, 0],
        [KF_LIST, 48001],
      ]);
      expect(await health(shop.channelId)).toMatchObject({
        health: 'unhealthy',
        healthReason: result.body.message,
      });

      await desk.sim('POST', '/sim/oa/accounts', { appId: shop.appId, customerServicePermission: true });
      expect((await verify(shop.channelId)).body).toMatchObject({ ok: true, problem: null });
      expect(await health(shop.channelId)).toMatchObject({ health: 'ok', healthReason: null });
    });

    it('reports WeChat being unreachable as such', async () => {
      await desk.sim('POST', '/sim/faults', { path: STABLE_TOKEN, kind: 'http-500' });
      const result = await verify(shop.channelId);
      expect(result.body).toMatchObject({ ok: false, problem: 'unreachable' });
      expect(result.body.message).toMatch(/^WeChat could not be reached from this server \(.*HTTP 500\)/);
    });
  });
});
