import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SimulatorClock } from '../src/clock.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { CallbackReceiver } from './support/callback-receiver.js';
import { control, getJson, postJson } from './support/http.js';

const APP = { appId: 'wx2222222222222222', appSecret: 's2', token: 'tok2', originalId: 'gh_000000000002' };

describe('OA custom/send: delivery, the 48-hour window and the per-message quota', () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  let accessToken: string;

  const newCustomer = async () =>
    (await control<{ openid: string }>(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/customers`, {})).body
      .openid;
  const customerSays = (openid: string, content = '你好') =>
    control(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/customers/${openid}/messages`, {
      type: 'text',
      content,
    });
  const send = (body: Record<string, unknown>) =>
    postJson<{ errcode: number; errmsg: string }>(
      `${sim.url}/cgi-bin/message/custom/send?access_token=${accessToken}`,
      body,
    );
  const sendText = (openid: string, content: string) =>
    send({ touser: openid, msgtype: 'text', text: { content } });
  const inbox = async (openid: string) =>
    (
      await control<Array<{ msgtype: string; content?: string }>>(
        sim.url,
        'GET',
        `/sim/oa/accounts/${APP.appId}/customers/${openid}/inbox`,
      )
    ).body;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    // Long-lived tokens: these tests move the clock by days and are about the window, not token expiry.
    sim = await startSimulator({
      clock: new SimulatorClock({ frozen: true }),
      callbackTimeoutMs: 500,
      tokenTtlSeconds: 30 * 86400,
    });
    await control(sim.url, 'POST', '/sim/oa/accounts', {
      ...APP,
      encryptionMode: 'plaintext',
      callbackUrl: receiver.url,
    });
    accessToken = (
      await getJson<{ access_token: string }>(
        `${sim.url}/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=${APP.appSecret}`,
      )
    ).access_token;
  });
  afterAll(async () => {
    await sim.close();
    await receiver.stop();
  });

  it('delivers a text to the customer inbox after the customer wrote', async () => {
    const openid = await newCustomer();
    expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    await customerSays(openid);
    expect(await sendText(openid, '您好，请问有什么可以帮您？')).toEqual({ errcode: 0, errmsg: 'ok' });
    const received = await inbox(openid);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      msgtype: 'text',
      content: '您好，请问有什么可以帮您？',
      via: 'custom-send',
    });
  });

  it('refuses an unknown openid with 40003 and a customer who never wrote with 45015', async () => {
    expect((await sendText('oUnknownUnknownUnknownUnknown', 'x')).errcode).toBe(40003);
    const silent = await newCustomer();
    const refused = await sendText(silent, 'x');
    expect(refused.errcode).toBe(45015);
    expect(refused.errmsg).toMatch(/^response out of time limit or subscription is canceled rid: /);
    expect(await inbox(silent)).toEqual([]);
  });

  it('closes the window 48 hours after the customer last wrote (45015), and a new message reopens it', async () => {
    const openid = await newCustomer();
    await customerSays(openid);
    sim.clock.advance(48 * 3600 - 1);
    expect((await sendText(openid, 'still in time')).errcode).toBe(0);
    sim.clock.advance(1);
    expect((await sendText(openid, 'too late')).errcode).toBe(45015);
    await customerSays(openid, '还在吗');
    expect((await sendText(openid, 'yes')).errcode).toBe(0);
    expect((await inbox(openid)).map((m) => m.content)).toEqual(['still in time', 'yes']);
  });

  it('allows 5 messages per customer message (45047 on the 6th) and resets on the next customer message', async () => {
    const openid = await newCustomer();
    await customerSays(openid);
    for (let i = 1; i <= 5; i++) expect((await sendText(openid, `m${i}`)).errcode).toBe(0);
    const sixth = await sendText(openid, 'm6');
    expect(sixth.errcode).toBe(45047);
    expect(sixth.errmsg).toMatch(/^out of response count limit rid: /);
    await customerSays(openid, 'ok');
    expect((await sendText(openid, 'm7')).errcode).toBe(0);
    expect((await inbox(openid)).map((m) => m.content)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm7']);
  });

  it('uses the per-account quota when one is configured (older accounts: 20)', async () => {
    await control(sim.url, 'POST', '/sim/oa/accounts', { appId: APP.appId, quotaPerCustomerMessage: 20 });
    const openid = await newCustomer();
    await customerSays(openid);
    for (let i = 1; i <= 20; i++) expect((await sendText(openid, `n${i}`)).errcode).toBe(0);
    expect((await sendText(openid, 'n21')).errcode).toBe(45047);
    await control(sim.url, 'POST', '/sim/oa/accounts', { appId: APP.appId, quotaPerCustomerMessage: 5 });
  });

  it('refuses with 45015 once the customer unfollowed, even inside the window', async () => {
    const openid = await newCustomer();
    await customerSays(openid);
    const unfollow = await control(
      sim.url,
      'POST',
      `/sim/oa/accounts/${APP.appId}/customers/${openid}/messages`,
      { type: 'unfollow' },
    );
    expect(unfollow.body).toMatchObject({ delivered: true });
    expect((await sendText(openid, 'bye?')).errcode).toBe(45015);
    expect(receiver.received.at(-1)!.body).toContain('<Event><![CDATA[unsubscribe]]></Event>');
  });

  it('validates message shapes: unknown msgtype 40008, empty text 44004, unknown media 40007, two news articles 45008', async () => {
    const openid = await newCustomer();
    await customerSays(openid);
    expect((await send({ touser: openid, msgtype: 'sticker', sticker: {} })).errcode).toBe(40008);
    expect((await send({ touser: openid, msgtype: 'text', text: { content: '' } })).errcode).toBe(44004);
    expect((await send({ touser: openid, msgtype: 'image', image: { media_id: 'nope' } })).errcode).toBe(
      40007,
    );
    const article = {
      title: 't',
      description: 'd',
      url: 'https://example.com',
      picurl: 'https://example.com/p.png',
    };
    expect(
      (await send({ touser: openid, msgtype: 'news', news: { articles: [article, article] } })).errcode,
    ).toBe(45008);
    expect((await send({ touser: openid, msgtype: 'news', news: { articles: [article] } })).errcode).toBe(0);
    const bad = await fetch(`${sim.url}/cgi-bin/message/custom/send?access_token=${accessToken}`, {
      method: 'POST',
      body: '{not json',
    });
    expect(((await bad.json()) as { errcode: number }).errcode).toBe(47001);
    // None of the refused messages reached the customer, and they did not use up the quota.
    expect((await inbox(openid)).map((m) => m.msgtype)).toEqual(['news']);
  });

  it('accepts the typing indicator only inside the window', async () => {
    const openid = await newCustomer();
    const typing = () =>
      postJson<{ errcode: number }>(`${sim.url}/cgi-bin/message/custom/typing?access_token=${accessToken}`, {
        touser: openid,
        command: 'Typing',
      });
    expect((await typing()).errcode).toBe(45015);
    await customerSays(openid);
    expect((await typing()).errcode).toBe(0);
    const view = await control<{ typing: boolean }>(
      sim.url,
      'GET',
      `/sim/oa/accounts/${APP.appId}/customers/${openid}`,
    );
    expect(view.body.typing).toBe(true);
  });

  it('answers 48001 on the customer-service APIs when the account lacks the permission, and nothing is delivered', async () => {
    const openid = await newCustomer();
    await customerSays(openid);
    const kfList = () =>
      getJson<{ errcode?: number; kf_list?: unknown[] }>(
        `${sim.url}/cgi-bin/customservice/getkflist?access_token=${accessToken}`,
      );
    expect(await kfList()).toEqual({ kf_list: [] });

    await control(sim.url, 'POST', '/sim/oa/accounts', {
      appId: APP.appId,
      customerServicePermission: false,
    });
    const refused = await sendText(openid, 'no permission');
    expect(refused.errcode).toBe(48001);
    expect(refused.errmsg).toMatch(/^api unauthorized rid: /);
    expect((await kfList()).errcode).toBe(48001);
    const typing = await postJson<{ errcode: number }>(
      `${sim.url}/cgi-bin/message/custom/typing?access_token=${accessToken}`,
      { touser: openid, command: 'Typing' },
    );
    expect(typing.errcode).toBe(48001);
    expect(await inbox(openid)).toEqual([]);

    await control(sim.url, 'POST', '/sim/oa/accounts', { appId: APP.appId, customerServicePermission: true });
    expect((await sendText(openid, 'allowed again')).errcode).toBe(0);
  });
});
