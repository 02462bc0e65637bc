import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SimulatorClock } from '../src/clock.js';
import { SAMPLE_PNG } from '../src/media/media-content.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { CallbackReceiver } from './support/callback-receiver.js';
import { control, getJson, postJson } from './support/http.js';

const APP = {
  appId: 'wx5555555555555555',
  appSecret: 's5',
  token: 't5',
  originalId: 'gh_5',
  encryptionMode: 'plaintext',
};

describe('OA media, user info, menus and QR codes', () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  let token: string;
  const upload = async (type: string, data: Buffer, filename: string) => {
    const form = new FormData();
    form.append('media', new Blob([data]), filename);
    const response = await fetch(`${sim.url}/cgi-bin/media/upload?access_token=${token}&type=${type}`, {
      method: 'POST',
      body: form,
    });
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sim = await startSimulator({ clock: new SimulatorClock({ frozen: true }), tokenTtlSeconds: 30 * 86400 });
    await control(sim.url, 'POST', '/sim/oa/accounts', { ...APP, callbackUrl: receiver.url });
    token = (
      await getJson<{ access_token: string }>(
        `${sim.url}/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=s5`,
      )
    ).access_token;
  });
  afterAll(async () => {
    await sim.close();
    await receiver.stop();
  });

  it('uploads an image, serves it back with media/get, and expires it after 3 days', async () => {
    const uploaded = await upload('image', SAMPLE_PNG, 'dot.png');
    expect(uploaded).toMatchObject({ type: 'image', created_at: sim.clock.nowSeconds() });
    const mediaId = uploaded.media_id as string;
    const got = await fetch(`${sim.url}/cgi-bin/media/get?access_token=${token}&media_id=${mediaId}`);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="dot.png"');
    expect(Buffer.from(await got.arrayBuffer()).equals(SAMPLE_PNG)).toBe(true);
    sim.clock.advance(3 * 86400);
    expect(
      await getJson(`${sim.url}/cgi-bin/media/get?access_token=${token}&media_id=${mediaId}`),
    ).toMatchObject({ errcode: 40007 });
  });

  it('refuses bad type (40004), wrong content (40005), oversize (40009 with the account limit), empty (41005)', async () => {
    expect((await upload('sticker', SAMPLE_PNG, 'a.png')).errcode).toBe(40004);
    expect((await upload('image', Buffer.from('plain text, not an image'), 'a.png')).errcode).toBe(40005);
    expect((await upload('image', Buffer.alloc(0), 'a.png')).errcode).toBe(41005);
    await control(sim.url, 'POST', '/sim/oa/accounts', { appId: APP.appId, imageMaxBytes: 2 * 1024 * 1024 });
    const big = Buffer.concat([SAMPLE_PNG, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await upload('image', big, 'big.png')).errcode).toBe(40009);
    await control(sim.url, 'POST', '/sim/oa/accounts', { appId: APP.appId, imageMaxBytes: 10 * 1024 * 1024 });
    expect((await upload('image', big, 'big.png')).type).toBe('image');
  });

  it('lets a customer send an image the server can download by MediaId', async () => {
    const openid = (
      await control<{ openid: string }>(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/customers`, {})
    ).body.openid;
    receiver.reset();
    await control(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/customers/${openid}/messages`, {
      type: 'image',
    });
    const body = receiver.received[0].body;
    const mediaId = /<MediaId><!\[CDATA\[([^\]]+)\]\]><\/MediaId>/.exec(body)![1];
    const picUrl = /<PicUrl><!\[CDATA\[([^\]]+)\]\]><\/PicUrl>/.exec(body)![1];
    const got = await fetch(`${sim.url}/cgi-bin/media/get?access_token=${token}&media_id=${mediaId}`);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect((await fetch(picUrl)).status).toBe(200);
  });

  it('returns user/info with empty nickname and headimgurl unless the account exposes them', async () => {
    const openid = (
      await control<{ openid: string }>(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/customers`, {
        nickname: '小王',
        headimgurl: 'http://img/1',
      })
    ).body.openid;
    const info = await getJson(
      `${sim.url}/cgi-bin/user/info?access_token=${token}&openid=${openid}&lang=zh_CN`,
    );
    expect(info).toMatchObject({ subscribe: 1, openid, nickname: '', headimgurl: '', language: 'zh_CN' });
    await control(sim.url, 'POST', '/sim/oa/accounts', { appId: APP.appId, exposeProfile: true });
    const exposed = await postJson(`${sim.url}/cgi-bin/user/info/batchget?access_token=${token}`, {
      user_list: [{ openid }],
    });
    expect(exposed).toMatchObject({
      user_info_list: [{ openid, nickname: '小王', headimgurl: 'http://img/1' }],
    });
    expect(await getJson(`${sim.url}/cgi-bin/user/info?access_token=${token}&openid=oNobody`)).toMatchObject({
      errcode: 40003,
    });
  });

  it('creates, reads and deletes a menu, enforcing button counts', async () => {
    const menu = {
      button: [
        { type: 'click', name: '人工客服', key: 'TALK_TO_AGENT' },
        { name: '更多', sub_button: [{ type: 'view', name: '官网', url: 'https://example.com' }] },
      ],
    };
    expect(await getJson(`${sim.url}/cgi-bin/menu/get?access_token=${token}`)).toMatchObject({
      errcode: 46003,
    });
    expect(await postJson(`${sim.url}/cgi-bin/menu/create?access_token=${token}`, menu)).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(await getJson(`${sim.url}/cgi-bin/menu/get?access_token=${token}`)).toEqual({ menu });
    const four = { button: [1, 2, 3, 4].map((i) => ({ type: 'click', name: `b${i}`, key: `k${i}` })) };
    expect(await postJson(`${sim.url}/cgi-bin/menu/create?access_token=${token}`, four)).toMatchObject({
      errcode: 40016,
    });
    expect(await getJson(`${sim.url}/cgi-bin/menu/delete?access_token=${token}`)).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(await getJson(`${sim.url}/cgi-bin/menu/get?access_token=${token}`)).toMatchObject({
      errcode: 46003,
    });
  });

  it('creates parametric QR codes (temporary default 60 s)', async () => {
    const temp = await postJson(`${sim.url}/cgi-bin/qrcode/create?access_token=${token}`, {
      action_name: 'QR_STR_SCENE',
      action_info: { scene: { scene_str: 'ticket-42' } },
    });
    expect(temp).toMatchObject({ expire_seconds: 60 });
    expect(temp.ticket).toEqual(expect.any(String));
    const permanent = await postJson(`${sim.url}/cgi-bin/qrcode/create?access_token=${token}`, {
      action_name: 'QR_LIMIT_SCENE',
      action_info: { scene: { scene_id: 100001 } },
    });
    expect(permanent).toMatchObject({ errcode: 40053 });
  });
});
