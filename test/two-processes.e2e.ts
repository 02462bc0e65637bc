import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallbackLogPage, MessageContent } from '#contracts';
import { buildXml, sealOaCallback } from '#wechat';
import { createOaChannel, eventually, userApi, type OaTestChannel } from './support/oa-channels.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * Two server processes of one installation (two Nest apps on the same PostgreSQL database, as behind a
 * load balancer): the same push reaching both at once is stored once (OA4, NF3), and the background media
 * downloads are shared out between them, each file fetched once.
 */
describe('two server processes on one database', () => {
  let product: Product;
  let second: { url: string; stop(): Promise<void> };
  let channel: OaTestChannel;
  let agent: ReturnType<typeof userApi>;

  beforeAll(async () => {
    product = await startProduct();
    second = await product.startAnotherServer();
    channel = await createOaChannel(product, 'safe');
    agent = userApi(product, await product.login(product.agent.email, product.agent.password));
  }, 60_000);

  afterAll(() => product?.stop());

  const postTo = async (baseUrl: string, sealed: { query: Record<string, string>; body: string }) => {
    const url = new URL(channel.channel.callbackUrl);
    const response = await fetch(`${baseUrl}${url.pathname}?${new URLSearchParams(sealed.query)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: sealed.body,
    });
    return { status: response.status, body: await response.text() };
  };

  it('stores each push once when WeChat’s retries reach both processes at the same moment', async () => {
    const openid = await channel.newCustomer();
    const createTime = Math.floor(Date.now() / 1000);
    const pushes = Array.from({ length: 20 }, (_, i) =>
      sealOaCallback(
        buildXml({
          ToUserName: channel.originalId,
          FromUserName: openid,
          CreateTime: createTime,
          MsgType: 'text',
          Content: `message ${i}`,
          MsgId: String(9_100_000_000_000_000_000n + BigInt(i)),
        }),
        channel.secrets,
        { openid },
      ),
    );
    // Every push three times: twice to one process, once to the other, all at once.
    const answers = await Promise.all(
      pushes.flatMap((sealed) => [
        postTo(product.serverUrl, sealed),
        postTo(second.url, sealed),
        postTo(second.url, sealed),
      ]),
    );
    expect(answers.every((a) => a.status === 200 && a.body === 'success')).toBe(true);

    const conversation = (await agent.conversationOf(openid))!;
    const texts = (await agent.messages(conversation.id)).map((m) => m.text).sort();
    expect(texts).toEqual(pushes.map((_, i) => `message ${i}`).sort());

    const log = await userApi(product, product.admin.token).call<CallbackLogPage>(
      'GET',
      `/api/admin/callbacks?channelId=${channel.channel.id}&limit=200`,
    );
    expect(log.body.entries.filter((e) => e.verdict === 'new')).toHaveLength(20);
    expect(log.body.entries.filter((e) => e.verdict === 'duplicate')).toHaveLength(40);
  }, 60_000);

  it('fetches each file once while both processes fetch media', async () => {
    const before = product.simulator.calls.lastSeq();
    const openids = await Promise.all(Array.from({ length: 8 }, () => channel.newCustomer()));
    // Pushes alternate between the processes, so both have downloads to claim.
    const sent = await Promise.all(
      openids.map(async (openid, i) => {
        const image = product.simulator.oa.media.put(
          channel.appId,
          'image',
          `photo-${i}.png`,
          'image/png',
          Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(1000 + i, i)]),
        );
        const sealed = sealOaCallback(
          buildXml({
            ToUserName: channel.originalId,
            FromUserName: openid,
            CreateTime: Math.floor(Date.now() / 1000),
            MsgType: 'image',
            PicUrl: `${product.simulator.url}/sim/media/${image.mediaId}`,
            MediaId: image.mediaId,
            MsgId: String(9_200_000_000_000_000_000n + BigInt(i)),
          }),
          channel.secrets,
          { openid },
        );
        return postTo(i % 2 === 0 ? product.serverUrl : second.url, sealed);
      }),
    );
    expect(sent.every((a) => a.body === 'success')).toBe(true);

    for (const [i, openid] of openids.entries()) {
      const conversation = (await agent.conversationOf(openid))!;
      const [message] = await eventually(
        () => agent.messages(conversation.id),
        ([m]) => (m.content as Extract<MessageContent, { type: 'image' }>).image.state === 'ready',
        15_000,
      );
      expect((message.content as Extract<MessageContent, { type: 'image' }>).image).toMatchObject({
        state: 'ready',
        bytes: 1008 + i,
      });
    }
    const downloads = product.simulator.calls.since(before, { path: '/cgi-bin/media/get' });
    expect(downloads).toHaveLength(8);
    expect(new Set(downloads.map((call) => call.query.media_id)).size).toBe(8);
  }, 60_000);
});
