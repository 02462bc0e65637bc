import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { buildXml } from '#wechat';
import { SimulatorClock } from '../src/clock.js';
import { SAMPLE_AMR, SAMPLE_MP4, SAMPLE_PNG } from '../src/media/media-content.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { CallbackReceiver } from './support/callback-receiver.js';
import { control, getJson, postJson } from './support/http.js';

const APP = {
  appId: 'wx6666666666666666',
  appSecret: 's6',
  token: 't6',
  originalId: 'gh_6',
  encryptionMode: 'plaintext',
};
const MB = 1024 * 1024;
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);

type Api = { errcode?: number; errmsg?: string } & Record<string, unknown>;

/** The OA rules of the simulator README that the other OA suites do not show. */
describe('OA rules: event windows, shapes, typing, media, profiles, menus, QR codes', () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  let token = '';
  const api = (path: string) =>
    `${sim.url}/cgi-bin/${path}${path.includes('?') ? '&' : '?'}access_token=${token}`;
  const newCustomer = async (body: Record<string, unknown> = {}) =>
    (await control<{ openid: string }>(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/customers`, body)).body
      .openid;
  const act = (openid: string, body: Record<string, unknown>) =>
    control<Api>(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/customers/${openid}/messages`, body);
  const send = (body: Record<string, unknown>) => postJson<Api>(api('message/custom/send'), body);
  const text = (openid: string, content = '您好') =>
    send({ touser: openid, msgtype: 'text', text: { content } });
  const upload = async (type: string, data: Buffer, filename: string) => {
    const form = new FormData();
    form.append('media', new Blob([data]), filename);
    const response = await fetch(api(`media/upload?type=${type}`), { method: 'POST', body: form });
    return (await response.json()) as Api;
  };

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sim = await startSimulator({ clock: new SimulatorClock({ frozen: true }), tokenTtlSeconds: 30 * 86400 });
    await control(sim.url, 'POST', '/sim/oa/accounts', { ...APP, callbackUrl: receiver.url });
    token = (
      await getJson<{ access_token: string }>(
        `${sim.url}/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=${APP.appSecret}`,
      )
    ).access_token;
  });
  beforeEach(() => receiver.reset());
  afterAll(async () => {
    await sim.close();
    await receiver.stop();
  });

  describe('the window a menu click, a follow or a QR scan opens', () => {
    it('is 3 messages within 1 minute', async () => {
      const clicker = await newCustomer();
      await act(clicker, { type: 'click', eventKey: 'TALK' });
      for (let i = 0; i < 3; i++) expect((await text(clicker)).errcode).toBe(0);
      expect((await text(clicker)).errcode).toBe(45047);

      const follower = await newCustomer({ subscribed: false });
      await act(follower, { type: 'follow' });
      sim.clock.advance(59);
      expect((await text(follower)).errcode).toBe(0);
      sim.clock.advance(1);
      expect((await text(follower)).errcode).toBe(45015);

      const scanner = await newCustomer();
      expect((await text(scanner)).errcode).toBe(45015);
      await act(scanner, { type: 'scan', scene: 'shop-7' });
      expect((await text(scanner)).errcode).toBe(0);
      expect(receiver.received.at(-1)!.body).toContain(
        '<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[shop-7]]>',
      );
    });

    it('does not shrink the window the customer’s own message opened', async () => {
      const openid = await newCustomer();
      await act(openid, { type: 'text', content: '我想问' });
      await act(openid, { type: 'click', eventKey: 'TALK' });
      sim.clock.advance(120);
      for (let i = 0; i < 5; i++) expect((await text(openid)).errcode).toBe(0);
      expect((await text(openid)).errcode).toBe(45047);
    });
  });

  it('refuses a customer “image” that is not one (the control API answers 400 and pushes nothing)', async () => {
    const openid = await newCustomer();
    const notImage = await act(openid, { type: 'image', data: Buffer.from('just text').toString('base64') });
    expect(notImage.status).toBe(400);
    expect(receiver.received).toEqual([]);
  });

  it('refuses long text (45002), a missing media_id (41006), empty news (44003) and media of the wrong type (40007)', async () => {
    const openid = await newCustomer();
    await act(openid, { type: 'text', content: 'hi' });
    expect((await text(openid, '字'.repeat(683))).errcode).toBe(45002);
    expect((await text(openid, '字'.repeat(682))).errcode).toBe(0);
    expect((await send({ touser: openid, msgtype: 'image', image: {} })).errcode).toBe(41006);
    expect((await send({ touser: openid, msgtype: 'news', news: { articles: [] } })).errcode).toBe(44003);
    const image = (await upload('image', SAMPLE_PNG, 'a.png')).media_id;
    // A video needs its cover: only title and description are optional.
    const clip = (await upload('video', SAMPLE_MP4, 'c.mp4')).media_id;
    expect((await send({ touser: openid, msgtype: 'video', video: { media_id: clip } })).errcode).toBe(41006);
    expect((await send({ touser: openid, msgtype: 'voice', voice: { media_id: image } })).errcode).toBe(
      40007,
    );
    expect((await send({ touser: openid, msgtype: 'image', image: { media_id: image } })).errcode).toBe(0);
  });

  it('shows typing for 15 s, and stops it when a message arrives', async () => {
    const openid = await newCustomer();
    await act(openid, { type: 'text', content: 'hi' });
    const typing = () => postJson<Api>(api('message/custom/typing'), { touser: openid, command: 'Typing' });
    const isTyping = async () =>
      (
        await control<{ typing: boolean }>(
          sim.url,
          'GET',
          `/sim/oa/accounts/${APP.appId}/customers/${openid}`,
        )
      ).body.typing;
    await typing();
    sim.clock.advance(14);
    expect(await isTyping()).toBe(true);
    sim.clock.advance(1);
    expect(await isTyping()).toBe(false);
    await typing();
    await text(openid);
    expect(await isTyping()).toBe(false);
    expect(
      (await postJson<Api>(api('message/custom/typing'), { touser: openid, command: 'Dance' })).errcode,
    ).toBe(40035);
  });

  describe('media', () => {
    it('limits voice (AMR/MP3 ≤ 2 MB, 40010), video (MP4 ≤ 10 MB, 40011) and thumb (JPG ≤ 64 KB, 40012)', async () => {
      expect((await upload('voice', SAMPLE_PNG, 'a.amr')).errcode).toBe(40005);
      expect(
        (await upload('voice', Buffer.concat([SAMPLE_AMR, Buffer.alloc(2 * MB)]), 'a.amr')).errcode,
      ).toBe(40010);
      expect((await upload('voice', SAMPLE_AMR, 'a.amr')).type).toBe('voice');
      expect(
        (await upload('video', Buffer.concat([SAMPLE_MP4, Buffer.alloc(10 * MB)]), 'a.mp4')).errcode,
      ).toBe(40011);
      expect((await upload('thumb', SAMPLE_PNG, 'a.png')).errcode).toBe(40005);
      expect((await upload('thumb', Buffer.concat([JPG, Buffer.alloc(64 * 1024)]), 'a.jpg')).errcode).toBe(
        40012,
      );
      const thumb = await upload('thumb', JPG, 'a.jpg');
      expect(thumb).toMatchObject({ type: 'thumb', thumb_media_id: expect.any(String) });
      expect(thumb).not.toHaveProperty('media_id');
    });

    it('answers media/get for a video with its URL, needs a media_id (41006), and names files in any language', async () => {
      const video = await upload('video', SAMPLE_MP4, 'clip.mp4');
      const got = await getJson<{ video_url: string }>(api(`media/get?media_id=${video.media_id as string}`));
      expect(got.video_url).toMatch(new RegExp(`/sim/media/${video.media_id as string}$`));
      expect((await fetch(got.video_url)).headers.get('content-type')).toBe('video/mp4');
      expect(await getJson(api('media/get'))).toMatchObject({ errcode: 41006 });
      const named = await upload('image', SAMPLE_PNG, '截图.png');
      const file = await fetch(api(`media/get?media_id=${named.media_id as string}`));
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="__.png"; filename*=UTF-8''${encodeURIComponent('截图.png')}`,
      );
    });
  });

  describe('user/info', () => {
    it('answers only subscribe 0 and the openid for someone who unfollowed, and caps batchget at 100', async () => {
      const openid = await newCustomer({ nickname: '走了', unionid: 'oU1' });
      await act(openid, { type: 'unfollow' });
      expect(await getJson(api(`user/info?openid=${openid}`))).toEqual({
        subscribe: 0,
        openid,
        unionid: 'oU1',
      });
      const many = Array.from({ length: 101 }, () => ({ openid }));
      expect((await postJson<Api>(api('user/info/batchget'), { user_list: many })).errcode).toBe(40035);
      const info = await postJson<{ user_info_list: unknown[] }>(api('user/info/batchget'), {
        user_list: [{ openid }],
      });
      expect(info.user_info_list).toEqual([{ subscribe: 0, openid, unionid: 'oU1' }]);
    });
  });

  describe('user/info after a follow', () => {
    it('reports a QR-code follow with its scene (numeric in qr_scene, text in qr_scene_str)', async () => {
      const numeric = await newCustomer({ subscribed: false });
      await act(numeric, { type: 'follow', scene: '1001' });
      expect(await getJson(api(`user/info?openid=${numeric}`))).toMatchObject({
        subscribe: 1,
        subscribe_time: sim.clock.nowSeconds(),
        subscribe_scene: 'ADD_SCENE_QR_CODE',
        qr_scene: 1001,
        qr_scene_str: '',
      });
      const named = await newCustomer({ subscribed: false });
      await act(named, { type: 'follow', scene: 'campaign-7' });
      expect(await getJson(api(`user/info?openid=${named}`))).toMatchObject({
        qr_scene: 0,
        qr_scene_str: 'campaign-7',
      });
      await act(named, { type: 'unfollow' });
      await act(named, { type: 'follow' });
      expect(await getJson(api(`user/info?openid=${named}`))).toMatchObject({
        subscribe_scene: 'ADD_SCENE_OTHERS',
        qr_scene: 0,
        qr_scene_str: '',
      });
    });
  });

  it('allows stable_token force_refresh 20 times a day (45009 after)', async () => {
    const force = () =>
      postJson<Api>(`${sim.url}/cgi-bin/stable_token`, {
        grant_type: 'client_credential',
        appid: APP.appId,
        secret: APP.appSecret,
        force_refresh: true,
      });
    for (let i = 0; i < 20; i++) {
      expect(await force()).toHaveProperty('access_token');
      sim.clock.advance(30);
    }
    expect((await force()).errcode).toBe(45009);
    sim.clock.advance(86400);
    expect(await force()).toHaveProperty('access_token');
  });

  it('logs uploads and binary answers in summary', async () => {
    await control(sim.url, 'DELETE', '/sim/calls');
    const uploaded = await upload('image', SAMPLE_PNG, 'dot.png');
    await fetch(api(`media/get?media_id=${uploaded.media_id as string}`));
    const calls = await control<Array<{ path: string; body: unknown; response: unknown }>>(
      sim.url,
      'GET',
      '/sim/calls',
    );
    expect(calls.body.map((c) => [c.path, c.body, c.response])).toEqual([
      [
        '/cgi-bin/media/upload',
        { media: { filename: 'dot.png', contentType: 'application/octet-stream', bytes: SAMPLE_PNG.length } },
        expect.objectContaining({ type: 'image', media_id: uploaded.media_id }),
      ],
      ['/cgi-bin/media/get', undefined, { binary: true, contentType: 'image/png', bytes: SAMPLE_PNG.length }],
    ]);
  });

  describe('menu/create', () => {
    const create = (button: unknown[]) => postJson<Api>(api('menu/create'), { button });
    const leaf = { type: 'click', name: '客服', key: 'K' };
    it.each([
      ['six sub-buttons', [{ name: '更多', sub_button: Array(6).fill(leaf) }], 40023],
      ['no sub-buttons', [{ name: '更多', sub_button: [] }], 40023],
      ['a top-level name over 16 bytes', [{ ...leaf, name: '一二三四五六' }], 40018],
      [
        'a sub-button name over 60 bytes',
        [{ name: 'm', sub_button: [{ ...leaf, name: '字'.repeat(21) }] }],
        40018,
      ],
      ['a key over 128 bytes', [{ ...leaf, key: 'k'.repeat(129) }], 40019],
      [
        'a view url over 1024 bytes',
        [{ type: 'view', name: '官网', url: `https://e.com/${'u'.repeat(1011)}` }],
        40020,
      ],
      ['an unknown type', [{ type: 'teleport', name: '传送', key: 'T' }], 40017],
    ])('refuses %s', async (_what, button, errcode) => {
      expect((await create(button)).errcode).toBe(errcode);
    });
    it('accepts 60-byte sub-button names and the published menu is what the phone shows', async () => {
      const menu = [{ name: '更多', sub_button: [{ ...leaf, name: '字'.repeat(20) }] }];
      expect((await create(menu)).errcode).toBe(0);
      const shown = await control<{ menu: { button: unknown[] } }>(
        sim.url,
        'GET',
        `/sim/oa/accounts/${APP.appId}/menu`,
      );
      expect(shown.body.menu.button).toEqual(menu);
    });
  });

  describe('qrcode/create', () => {
    const qr = (body: Record<string, unknown>) => postJson<Api>(api('qrcode/create'), body);
    it('caps temporary codes at 30 days and gives permanent ones no expiry', async () => {
      const temp = await qr({
        action_name: 'QR_SCENE',
        expire_seconds: 9_999_999,
        action_info: { scene: { scene_id: 7 } },
      });
      expect(temp).toMatchObject({
        expire_seconds: 2_592_000,
        url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//),
      });
      const permanent = await qr({
        action_name: 'QR_LIMIT_STR_SCENE',
        action_info: { scene: { scene_str: 'shop' } },
      });
      expect(permanent.ticket).toEqual(expect.any(String));
      expect(permanent).not.toHaveProperty('expire_seconds');
    });
    it.each([
      [
        'a 65-character scene_str',
        { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 's'.repeat(65) } } },
      ],
      ['scene_id 0', { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 0 } } }],
      ['an unknown action', { action_name: 'QR_MAGIC', action_info: { scene: { scene_id: 1 } } }],
      ['no scene', { action_name: 'QR_SCENE' }],
    ])('refuses %s with 40053', async (_what, body) => {
      expect((await qr(body)).errcode).toBe(40053);
    });
  });

  it('lists callback and API IPs, and answers 43002 for GET on a POST API', async () => {
    expect(await getJson(api('getcallbackip'))).toEqual({ ip_list: ['127.0.0.1'] });
    expect(await getJson(api('get_api_domain_ip'))).toEqual({ ip_list: ['127.0.0.1'] });
    expect(await getJson(api('message/custom/send'))).toMatchObject({ errcode: 43002 });
  });

  describe('passive replies', () => {
    const replyWith = (fields: Record<string, string | number>) => {
      receiver.respond = () => ({ body: buildXml(fields) });
    };
    it('refuses a reply addressed to someone else, from another account, or of an unknown type', async () => {
      const openid = await newCustomer();
      const base = {
        ToUserName: openid,
        FromUserName: APP.originalId,
        CreateTime: 1,
        MsgType: 'text',
        Content: 'x',
      };
      for (const bad of [
        { ...base, ToUserName: 'oSomeoneElse' },
        { ...base, FromUserName: 'gh_other' },
        { ...base, MsgType: 'sticker' },
      ]) {
        replyWith(bad);
        const result = await act(openid, { type: 'text', content: 'hi' });
        expect(result.body).toMatchObject({ delivered: false, attempts: 3 });
      }
      replyWith(base);
      expect((await act(openid, { type: 'text', content: 'hi' })).body).toMatchObject({ delivered: true });
    });
  });
});
