import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallbackLogPage, EncryptionMode, MessageContent, MessageView } from '#contracts';
import { buildXml } from '#wechat';
import { SAMPLE_AMR, SAMPLE_MP4, SAMPLE_PNG } from '../apps/simulator/src/media/media-content.js';
import { createOaChannel, eventually, mediaOf, userApi, type OaTestChannel } from './support/oa-channels.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * Every inbound type of OA3, pushed by the simulator as WeChat does in each encryption mode, stored and
 * visible to the agent through the API with the right content; events as system lines that never open a
 * conversation or move the reply window; files fetched in the background and served.
 */
describe('inbound Official Account messages', () => {
  let product: Product;
  let agent: ReturnType<typeof userApi>;
  let admin: ReturnType<typeof userApi>;

  beforeAll(async () => {
    product = await startProduct();
    agent = userApi(product, await product.login(product.agent.email, product.agent.password));
    admin = userApi(product, product.admin.token);
  }, 60_000);

  afterAll(() => product?.stop());

  const advanceSimulatorClock = (seconds: number) =>
    fetch(`${product.simulator.url}/sim/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds }),
    });

  const allMediaSettled = (messages: MessageView[]) =>
    messages.every((m) => mediaOf(m.content).every((media) => media.state !== 'pending'));

  describe.each<EncryptionMode>(['plaintext', 'compatible', 'safe'])('in %s mode', (mode) => {
    let channel: OaTestChannel;

    beforeAll(async () => {
      channel = await createOaChannel(product, mode);
    });

    it('stores every message and event type with its content, in order, events as system lines', async () => {
      const openid = await channel.newCustomer({ subscribed: false });
      const sent = async (body: Record<string, unknown>) => {
        const result = await channel.send(openid, body);
        expect({ body, delivered: result.delivered, attempts: result.attempts }).toEqual({
          body,
          delivered: true,
          attempts: 1,
        });
        return result;
      };

      await sent({ type: 'follow', scene: 'spring-promo' });
      // An event never opens a conversation by itself: the follow waits for the customer's first message.
      expect(await agent.conversationOf(openid)).toBeUndefined();

      const text = await sent({ type: 'text', content: '你好，我想问一下订单' });
      await sent({ type: 'image' });
      await sent({ type: 'voice', recognition: '我想退货' });
      await sent({ type: 'video' });
      await sent({ type: 'shortvideo' });
      await sent({
        type: 'location',
        latitude: 23.106414,
        longitude: 113.324553,
        scale: 16,
        label: '广州塔',
      });
      const unsupported = await channel.post(
        buildXml({
          ToUserName: channel.originalId,
          FromUserName: openid,
          CreateTime: text.createTime,
          MsgType: 'miniprogrampage',
          Title: 'Our shop',
          AppId: 'wx0123456789abcdef',
          PagePath: 'pages/index/index',
          MsgId: '7712345678901234567',
        }),
        { openid },
      );
      expect(unsupported).toEqual({ status: 200, body: 'success' });
      const link = await sent({
        type: 'link',
        url: 'https://shop.example.com/orders/42',
        title: 'Order 42',
        description: 'Where is it?',
      });

      // Later events, two minutes on: appended as system lines, but not customer messages.
      await advanceSimulatorClock(120);
      await sent({ type: 'scan', scene: 'table-7' });
      await sent({ type: 'click', eventKey: 'talk_to_agent' });
      await sent({ type: 'view', eventKey: 'https://shop.example.com/menu' });
      await sent({ type: 'event', event: 'LOCATION', latitude: 23.13, longitude: 113.35, precision: 50 });
      await sent({ type: 'unfollow' });

      const conversation = (await agent.conversationOf(openid))!;
      expect(conversation).toMatchObject({
        status: 'waiting',
        lastMessagePreview: '[Link] Order 42',
        // Events do not reset the 48-hour window: the last customer message is the link.
        lastCustomerMessageAt: new Date(link.createTime * 1000).toISOString(),
      });

      const messages = await eventually(() => agent.messages(conversation.id), allMediaSettled);
      const ready = expect.objectContaining({ state: 'ready' });
      expect(messages.map((m) => m.content)).toEqual([
        {
          type: 'event',
          event: 'followed',
          platformEvent: 'subscribe',
          description: 'Followed the account (QR scene: spring-promo)',
          key: 'spring-promo',
        },
        { type: 'text', text: '你好，我想问一下订单' },
        { type: 'image', image: ready },
        { type: 'voice', audio: ready, recognition: '我想退货' },
        { type: 'video', video: ready, thumbnail: ready },
        { type: 'shortvideo', video: ready, thumbnail: ready },
        { type: 'location', label: '广州塔', latitude: 23.106414, longitude: 113.324553, scale: 16 },
        { type: 'unsupported', platformType: 'miniprogrampage' },
        {
          type: 'link',
          title: 'Order 42',
          description: 'Where is it?',
          url: 'https://shop.example.com/orders/42',
        },
        {
          type: 'event',
          event: 'qr-scanned',
          platformEvent: 'SCAN',
          description: 'Scanned a QR code (scene: table-7)',
          key: 'table-7',
        },
        {
          type: 'event',
          event: 'menu-clicked',
          platformEvent: 'CLICK',
          description: 'Tapped the menu item “talk_to_agent”',
          key: 'talk_to_agent',
        },
        {
          type: 'event',
          event: 'menu-link-opened',
          platformEvent: 'VIEW',
          description: 'Opened the menu link https://shop.example.com/menu',
          key: 'https://shop.example.com/menu',
        },
        {
          type: 'event',
          event: 'location-reported',
          platformEvent: 'LOCATION',
          description: 'Reported their location (23.13, 113.35)',
          key: null,
        },
        {
          type: 'event',
          event: 'unfollowed',
          platformEvent: 'unsubscribe',
          description: 'Unfollowed the account',
          key: null,
        },
      ]);
      // Old callers that read `type` and `text` still work.
      expect(messages.map((m) => [m.type, m.text])).toEqual([
        ['event', 'Followed the account (QR scene: spring-promo)'],
        ['text', '你好，我想问一下订单'],
        ['image', null],
        ['voice', '我想退货'],
        ['video', null],
        ['shortvideo', null],
        ['location', '广州塔'],
        ['unsupported', null],
        ['link', 'Order 42'],
        ['event', 'Scanned a QR code (scene: table-7)'],
        ['event', 'Tapped the menu item “talk_to_agent”'],
        ['event', 'Opened the menu link https://shop.example.com/menu'],
        ['event', 'Reported their location (23.13, 113.35)'],
        ['event', 'Unfollowed the account'],
      ]);

      // The files were fetched from WeChat after the callbacks were answered, and are the customer's bytes.
      const [image, voice, video] = [messages[2], messages[3], messages[4]];
      const served = async (media: { url: string | null }) => {
        const response = await fetch(`${product.serverUrl}${media.url}`, {
          headers: {
            authorization: `Bearer ${await product.login(product.agent.email, product.agent.password)}`,
          },
        });
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          body: Buffer.from(await response.arrayBuffer()),
        };
      };
      const imageMedia = (image.content as Extract<MessageContent, { type: 'image' }>).image;
      expect(imageMedia).toMatchObject({ contentType: 'image/png', bytes: SAMPLE_PNG.length });
      expect(await served(imageMedia)).toEqual({ status: 200, type: 'image/png', body: SAMPLE_PNG });
      const audio = (voice.content as Extract<MessageContent, { type: 'voice' }>).audio;
      expect(audio).toMatchObject({ contentType: 'audio/amr', bytes: SAMPLE_AMR.length });
      expect((await served(audio)).body.equals(SAMPLE_AMR)).toBe(true);
      const { video: clip, thumbnail } = video.content as Extract<MessageContent, { type: 'video' }>;
      expect(clip).toMatchObject({ contentType: 'video/mp4', bytes: SAMPLE_MP4.length });
      expect((await served(clip)).body.equals(SAMPLE_MP4)).toBe(true);
      expect(thumbnail).toMatchObject({ contentType: 'image/png' });

      // The flight recorder has every push: verified, new, stored; no signatures or ciphertext kept.
      const log = await admin.call<CallbackLogPage>(
        'GET',
        `/api/admin/callbacks?channelId=${channel.channel.id}&limit=200`,
      );
      const mine = log.body.entries.filter(
        (e) => (e.payload?.fields as { FromUserName?: string })?.FromUserName === openid,
      );
      expect(mine).toHaveLength(14);
      for (const entry of mine) {
        expect(entry).toMatchObject({ result: 'stored', verdict: 'new', encrypted: mode !== 'plaintext' });
        expect(entry.payload).not.toHaveProperty('fields.Encrypt');
        expect(Object.keys(entry.payload!.query as object).sort()).toEqual(
          mode === 'plaintext'
            ? ['nonce', 'openid', 'timestamp']
            : ['encrypt_type', 'nonce', 'openid', 'timestamp'],
        );
      }
      expect(mine.map((e) => [e.messageType, e.eventType]).reverse()).toEqual([
        ['event', 'subscribe'],
        ['text', null],
        ['image', null],
        ['voice', null],
        ['video', null],
        ['shortvideo', null],
        ['location', null],
        ['miniprogrampage', null],
        ['link', null],
        ['event', 'SCAN'],
        ['event', 'CLICK'],
        ['event', 'VIEW'],
        ['event', 'LOCATION'],
        ['event', 'unsubscribe'],
      ]);
    }, 60_000);
  });

  it('keeps an event against the contact, and shows only events of the last 48 hours in the next conversation', async () => {
    const channel = await createOaChannel(product, 'plaintext');
    const openid = await channel.newCustomer({ subscribed: false });
    await channel.send(openid, { type: 'follow' });
    await advanceSimulatorClock(49 * 3600);
    await channel.send(openid, { type: 'click', eventKey: 'opening_hours' });
    expect(await agent.conversationOf(openid)).toBeUndefined();
    await channel.send(openid, { type: 'text', content: 'Are you open today?' });

    const conversation = (await agent.conversationOf(openid))!;
    const messages = await agent.messages(conversation.id);
    // The follow was 49 hours ago: kept with the contact, but not pulled into this chat.
    expect(messages.map((m) => m.text)).toEqual([
      'Tapped the menu item “opening_hours”',
      'Are you open today?',
    ]);
    expect(conversation.lastMessagePreview).toBe('Are you open today?');
  });
});
