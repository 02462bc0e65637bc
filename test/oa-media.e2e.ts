import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  MediaAccessTicket,
  MediaView,
  MessageContent,
  MessageView,
  ServerToClientEvents,
} from '#contracts';
import { io, type Socket } from 'socket.io-client';
import { buildXml } from '#wechat';
import { SAMPLE_AMR } from '../apps/simulator/src/media/media-content.js';
import { createOaChannel, eventually, mediaOf, userApi, type OaTestChannel } from './support/oa-channels.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * Inbound media (OA5): fetched from WeChat's media/get in the background, stored, and served only to
 * agents who may see the conversation; platform faults retried; oversized and mislabelled files refused.
 */
describe('inbound media', () => {
  let product: Product;
  let channel: OaTestChannel;
  let agentToken: string;
  let agent: ReturnType<typeof userApi>;
  let outsiderToken: string;

  // A JPEG that is not the simulator's default PNG, so the test knows whose bytes it got.
  const photo = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from('a customer photo'),
    Buffer.alloc(3000, 7),
  ]);

  beforeAll(async () => {
    product = await startProduct();
    channel = await createOaChannel(product, 'safe');
    agentToken = await product.login(product.agent.email, product.agent.password);
    agent = userApi(product, agentToken);
    const admin = userApi(product, product.admin.token);
    const created = await admin.call('POST', '/api/users', {
      email: 'other-agent@example.com',
      name: 'Other Agent',
      password: 'other-agent-pw',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    outsiderToken = await product.login('other-agent@example.com', 'other-agent-pw');
  }, 60_000);

  afterAll(() => product?.stop());

  /** The customer sends one message; resolves with it as the agent sees it once its files have settled. */
  async function customerSends(body: Record<string, unknown>, timeoutMs = 10_000): Promise<MessageView> {
    const openid = await channel.newCustomer();
    const sent = await channel.send(openid, body);
    expect(sent.delivered).toBe(true);
    const conversation = (await agent.conversationOf(openid))!;
    const [message] = await eventually(
      () => agent.messages(conversation.id),
      ([m]) => mediaOf(m.content).every((media) => media.state !== 'pending'),
      timeoutMs,
    );
    return message;
  }

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${product.serverUrl}${path}`, { headers }).then(async (response) => ({
      status: response.status,
      headers: response.headers,
      body: Buffer.from(await response.arrayBuffer()),
    }));

  const ticketFor = async (token: string) =>
    (await userApi(product, token).call<MediaAccessTicket>('POST', '/api/media/tickets')).body;

  it('serves the customer’s photo to the agent, by bearer header or media ticket, and to no one else', async () => {
    const message = await customerSends({
      type: 'image',
      data: photo.toString('base64'),
      filename: 'IMG_0042.jpg',
    });
    const image = (message.content as Extract<MessageContent, { type: 'image' }>).image;
    expect(image).toEqual({
      id: image.id,
      state: 'ready',
      contentType: 'image/jpeg',
      bytes: photo.length,
      filename: 'IMG_0042.jpg',
      url: `/api/media/${image.id}/content`,
      failureReason: null,
    } satisfies MediaView);

    const byBearer = await get(image.url!, { authorization: `Bearer ${agentToken}` });
    expect(byBearer.status).toBe(200);
    expect(byBearer.body.equals(photo)).toBe(true);
    expect(byBearer.headers.get('content-type')).toBe('image/jpeg');
    expect(byBearer.headers.get('x-content-type-options')).toBe('nosniff');

    // What an <img> does: no header, the ticket in the URL.
    const ticket = await ticketFor(agentToken);
    const byTicket = await get(`${image.url}?access=${encodeURIComponent(ticket.ticket)}`);
    expect(byTicket.status).toBe(200);
    expect(byTicket.body.equals(photo)).toBe(true);

    // A range, as <video> and <audio> ask for.
    const range = await get(image.url!, { authorization: `Bearer ${agentToken}`, range: 'bytes=0-3' });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 0-3/${photo.length}`);
    expect(range.body.equals(photo.subarray(0, 4))).toBe(true);

    // Another agent, not associated with the channel: as if the file did not exist, by header or by ticket.
    expect((await get(image.url!, { authorization: `Bearer ${outsiderToken}` })).status).toBe(404);
    const outsiderTicket = await ticketFor(outsiderToken);
    expect((await get(`${image.url}?access=${encodeURIComponent(outsiderTicket.ticket)}`)).status).toBe(404);
    expect((await userApi(product, outsiderToken).call('GET', `/api/media/${image.id}`)).status).toBe(404);

    // No credentials, a forged ticket, or a ticket whose session has logged out: refused.
    expect((await get(image.url!)).status).toBe(401);
    const forged = ticket.ticket.slice(0, -2) + (ticket.ticket.endsWith('AA') ? 'BB' : 'AA');
    expect((await get(`${image.url}?access=${encodeURIComponent(forged)}`)).status).toBe(401);
    const shortLived = await product.login(product.agent.email, product.agent.password);
    const shortTicket = await ticketFor(shortLived);
    expect((await get(`${image.url}?access=${encodeURIComponent(shortTicket.ticket)}`)).status).toBe(200);
    await userApi(product, shortLived).call('POST', '/api/auth/logout');
    expect((await get(`${image.url}?access=${encodeURIComponent(shortTicket.ticket)}`)).status).toBe(401);
  });

  it('tells the agent’s console when the file has arrived (message.updated)', async () => {
    const socket: Socket<ServerToClientEvents> = io(product.serverUrl, {
      auth: { token: agentToken },
      transports: ['websocket'],
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    try {
      const created = new Promise<MessageView>((resolve) =>
        socket.on('message.created', ({ message }) => {
          if (message.type === 'video') resolve(message);
        }),
      );
      const updated = new Promise<MessageView>((resolve) =>
        socket.on('message.updated', ({ message }) => {
          if (message.type === 'video' && mediaOf(message.content).every((m) => m.state === 'ready'))
            resolve(message);
        }),
      );
      const openid = await channel.newCustomer();
      await channel.send(openid, { type: 'video' });
      const first = await created;
      // Announced as soon as it is stored (usually before the download is done: "Fetching…" in the console).
      expect(mediaOf(first.content)).toHaveLength(2);
      const ready = await updated;
      expect(ready.id).toBe(first.id);
      expect(ready.content).toMatchObject({
        video: { contentType: 'video/mp4' },
        thumbnail: { contentType: 'image/png' },
      });
    } finally {
      socket.close();
    }
  });

  it('fetches a voice message whose first download fails (HTTP 500) on the retry', async () => {
    await product.simulator.faults.add({ path: '/cgi-bin/media/get', kind: 'http-500', count: 1 });
    const before = product.simulator.calls.lastSeq();
    const message = await customerSends({ type: 'voice', recognition: '你好' }, 20_000);
    const audio = (message.content as Extract<MessageContent, { type: 'voice' }>).audio;
    expect(audio).toMatchObject({ state: 'ready', contentType: 'audio/amr', bytes: SAMPLE_AMR.length });
    const downloads = product.simulator.calls.since(before, { path: '/cgi-bin/media/get' });
    expect(downloads.map((call) => call.status)).toEqual([500, 200]);
    const served = await get(audio.url!, { authorization: `Bearer ${agentToken}` });
    expect(served.body.equals(SAMPLE_AMR)).toBe(true);
  }, 30_000);

  it('refuses a file larger than 50 MB, and says so', async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024 + 1, 0);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const stored = product.simulator.oa.media.put(channel.appId, 'image', 'huge.jpg', 'image/jpeg', huge);
    const message = await customerSends({ type: 'image', mediaId: stored.mediaId });
    const image = (message.content as Extract<MessageContent, { type: 'image' }>).image;
    expect(image).toMatchObject({
      state: 'failed',
      url: null,
      failureReason: 'The file is larger than 50 MB, the most we accept',
    });
    const content = await get(`/api/media/${image.id}/content`, { authorization: `Bearer ${agentToken}` });
    expect(content.status).toBe(409);
    expect(JSON.parse(content.body.toString())).toMatchObject({ code: 'media_not_ready' });
  });

  it('marks a file WeChat no longer has as failed with WeChat’s reason, without retrying', async () => {
    const openid = await channel.newCustomer();
    const before = product.simulator.calls.lastSeq();
    const pushed = await channel.post(
      buildXml({
        ToUserName: channel.originalId,
        FromUserName: openid,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'image',
        PicUrl: 'http://mmbiz.example/expired.jpg',
        MediaId: 'expired-media-id-0000',
        MsgId: '6612345678901234567',
      }),
      { openid },
    );
    expect(pushed).toEqual({ status: 200, body: 'success' });
    const conversation = (await agent.conversationOf(openid))!;
    const [message] = await eventually(
      () => agent.messages(conversation.id),
      ([m]) => mediaOf(m.content)[0].state !== 'pending',
    );
    expect((message.content as Extract<MessageContent, { type: 'image' }>).image).toMatchObject({
      state: 'failed',
      failureReason:
        'The media id is invalid or has expired (temporary media lasts 3 days). (WeChat error 40007)',
    });
    const downloads = product.simulator.calls.since(before, { path: '/cgi-bin/media/get' });
    expect(downloads).toHaveLength(1);
  });

  it('serves a "PNG" that is not one as a download, never as an image', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const stored = product.simulator.oa.media.put(channel.appId, 'image', 'photo.png', 'image/png', html);
    const message = await customerSends({ type: 'image', mediaId: stored.mediaId });
    const image = (message.content as Extract<MessageContent, { type: 'image' }>).image;
    expect(image).toMatchObject({ state: 'ready', contentType: 'application/octet-stream' });
    const served = await get(image.url!, { authorization: `Bearer ${agentToken}` });
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
  });
});
