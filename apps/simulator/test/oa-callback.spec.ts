import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  MessageCipher,
  buildXml,
  msgSignature,
  oaSignature,
  openOaCallback,
  sealOaReply,
  type EncryptionMode,
} from '#wechat';
import { SimulatorClock } from '../src/clock.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { CallbackReceiver } from './support/callback-receiver.js';
import { control } from './support/http.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const PLAIN = {
  appId: 'wx3333333333333331',
  appSecret: 's',
  token: 'plaintoken',
  originalId: 'gh_plain',
  encryptionMode: 'plaintext',
};
const COMPATIBLE = {
  appId: 'wx3333333333333333',
  appSecret: 's',
  token: 'compattoken',
  originalId: 'gh_compat',
  encryptionMode: 'compatible',
  encodingAesKey: KEY,
};
const SAFE = {
  appId: 'wx3333333333333332',
  appSecret: 's',
  token: 'safetoken',
  originalId: 'gh_safe',
  encryptionMode: 'safe',
  encodingAesKey: KEY,
};

interface SendResult {
  msgId: string;
  delivered: boolean;
  attempts: number;
  responses: Array<{ status: number | null; body: string; outcome: string }>;
}

describe('OA callbacks: what WeChat pushes to the server, and its retry rule', () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  const start = 1_714_037_059_000;

  const addCustomer = async (appId: string) =>
    (await control<{ openid: string }>(sim.url, 'POST', `/sim/oa/accounts/${appId}/customers`, {})).body
      .openid;
  const say = (appId: string, openid: string, body: Record<string, unknown>) =>
    control<SendResult>(sim.url, 'POST', `/sim/oa/accounts/${appId}/customers/${openid}/messages`, body);
  const inbox = async (appId: string, openid: string) =>
    (
      await control<Array<{ msgtype: string; content?: string; via: string }>>(
        sim.url,
        'GET',
        `/sim/oa/accounts/${appId}/customers/${openid}/inbox`,
      )
    ).body;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sim = await startSimulator({
      clock: new SimulatorClock({ frozen: true, startMs: start }),
      callbackTimeoutMs: 200,
    });
    for (const account of [PLAIN, COMPATIBLE, SAFE]) {
      await control(sim.url, 'POST', '/sim/oa/accounts', { ...account, callbackUrl: receiver.url });
    }
  });
  beforeEach(() => receiver.reset());
  afterAll(async () => {
    await sim.close();
    await receiver.stop();
  });

  it('posts a plaintext text message as text/xml with a valid signature, the XML WeChat builds, and success ends it', async () => {
    const openid = await addCustomer(PLAIN.appId);
    const result = await say(PLAIN.appId, openid, { type: 'text', content: '我的快递到哪了？' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ delivered: true, attempts: 1 });
    expect(result.body.msgId).toMatch(/^\d{16,20}$/);

    expect(receiver.received).toHaveLength(1);
    const push = receiver.received[0];
    expect(push.method).toBe('POST');
    expect(push.headers['content-type']).toBe('text/xml');
    const q = push.url.searchParams;
    expect(q.get('timestamp')).toBe(String(start / 1000));
    expect(q.get('signature')).toBe(oaSignature(PLAIN.token, q.get('timestamp')!, q.get('nonce')!));
    expect(q.get('encrypt_type')).toBeNull();
    // Byte for byte what WeChat sends: strings in CDATA, CreateTime and the 64-bit MsgId bare.
    expect(push.body).toBe(
      '<xml><ToUserName><![CDATA[gh_plain]]></ToUserName>' +
        `<FromUserName><![CDATA[${openid}]]></FromUserName>` +
        `<CreateTime>${start / 1000}</CreateTime>` +
        '<MsgType><![CDATA[text]]></MsgType>' +
        '<Content><![CDATA[我的快递到哪了？]]></Content>' +
        `<MsgId>${result.body.msgId}</MsgId></xml>`,
    );
    expect(q.get('openid')).toBe(openid);
  });

  it('gives every message its own MsgId', async () => {
    const openid = await addCustomer(PLAIN.appId);
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++)
      ids.add((await say(PLAIN.appId, openid, { type: 'text', content: `#${i}` })).body.msgId);
    expect(ids.size).toBe(5);
  });

  it('in safe mode sends only ToUserName and Encrypt, signed with msg_signature, decrypting to the message', async () => {
    const openid = await addCustomer(SAFE.appId);
    const result = await say(SAFE.appId, openid, { type: 'text', content: 'safe hello' });
    expect(result.body.delivered).toBe(true);
    const push = receiver.received[0];
    const q = push.url.searchParams;
    expect(q.get('encrypt_type')).toBe('aes');
    expect(q.get('signature')).toBe(oaSignature(SAFE.token, q.get('timestamp')!, q.get('nonce')!));
    const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(push.body)![1];
    expect(push.body).not.toContain('safe hello');
    expect(push.body).toContain('<ToUserName><![CDATA[gh_safe]]></ToUserName>');
    expect(q.get('msg_signature')).toBe(
      msgSignature(SAFE.token, q.get('timestamp')!, q.get('nonce')!, encrypt),
    );
    const plain = new MessageCipher(KEY, SAFE.appId).decrypt(encrypt);
    expect(plain).toContain(`<FromUserName><![CDATA[${openid}]]></FromUserName>`);
    expect(plain).toContain('<Content><![CDATA[safe hello]]></Content>');
    expect(plain).toContain(`<MsgId>${result.body.msgId}</MsgId>`);
  });

  it.each([PLAIN, COMPATIBLE, SAFE])(
    '$encryptionMode pushes open with the server library, and its sealed replies reach the customer',
    async (account) => {
      const secrets = { ...account, encryptionMode: account.encryptionMode as EncryptionMode };
      const opened: string[] = [];
      receiver.respond = (req) => {
        const query = Object.fromEntries(req.url.searchParams);
        const { message } = openOaCallback(query, req.body, secrets);
        opened.push(
          message.type === 'text' ? `${message.type}:${message.content}:${message.msgId}` : message.type,
        );
        const reply = buildXml({
          ToUserName: message.fromUserName,
          FromUserName: message.toUserName,
          CreateTime: 1,
          MsgType: 'text',
          Content: '收到',
        });
        return { body: sealOaReply(reply, query, secrets) };
      };
      const openid = await addCustomer(account.appId);
      const result = await say(account.appId, openid, { type: 'text', content: '你好 ]]> <xml>' });
      expect(result.body).toMatchObject({ delivered: true, attempts: 1 });
      expect(opened).toEqual([`text:你好 ]]> <xml>:${result.body.msgId}`]);
      expect(await inbox(account.appId, openid)).toEqual([
        expect.objectContaining({ content: '收到', via: 'passive-reply' }),
      ]);
    },
  );

  it('retries when the server does not answer in time: 3 attempts in total, then the customer sees WeChat’s notice', async () => {
    receiver.respond = () => 'hang';
    const openid = await addCustomer(PLAIN.appId);
    const began = Date.now();
    const result = await say(PLAIN.appId, openid, { type: 'text', content: 'anyone?' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(600);
    expect(result.body).toMatchObject({ delivered: false, attempts: 3 });
    expect(result.body.responses.map((r) => r.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(receiver.received).toHaveLength(3);
    // The same message each time.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(await inbox(PLAIN.appId, openid)).toEqual([
      expect.objectContaining({
        msgtype: 'system',
        content: '该公众号暂时无法提供服务，请稍后再试',
        via: 'system',
      }),
    ]);
  });

  it('stops retrying at the first good answer (empty body counts) and treats other bodies as failures', async () => {
    receiver.respond = (_req, i) =>
      i === 0 ? { status: 500, body: 'oops' } : i === 1 ? { body: '{"ok":true}' } : { body: '' };
    const openid = await addCustomer(PLAIN.appId);
    const result = await say(PLAIN.appId, openid, { type: 'text', content: 'retry me' });
    expect(result.body).toMatchObject({ delivered: true, attempts: 3 });
    expect(result.body.responses.map((r) => [r.status, r.outcome])).toEqual([
      [500, 'rejected'],
      [200, 'rejected'],
      [200, 'accepted'],
    ]);
  });

  it('shows a valid passive reply to the customer', async () => {
    const openid = await addCustomer(PLAIN.appId);
    receiver.respond = () => ({
      body: buildXml({
        ToUserName: openid,
        FromUserName: 'gh_plain',
        CreateTime: 1,
        MsgType: 'text',
        Content: '自动回复',
      }),
    });
    const result = await say(PLAIN.appId, openid, { type: 'text', content: 'hi' });
    expect(result.body).toMatchObject({ delivered: true, attempts: 1 });
    expect(await inbox(PLAIN.appId, openid)).toEqual([
      expect.objectContaining({ msgtype: 'text', content: '自动回复', via: 'passive-reply' }),
    ]);
  });

  it('rejects a plaintext reply in safe mode', async () => {
    const openid = await addCustomer(SAFE.appId);
    receiver.respond = () => ({
      body: buildXml({
        ToUserName: openid,
        FromUserName: 'gh_safe',
        CreateTime: 1,
        MsgType: 'text',
        Content: 'leak',
      }),
    });
    const result = await say(SAFE.appId, openid, { type: 'text', content: 'hi' });
    expect(result.body).toMatchObject({ delivered: false, attempts: 3 });
  });

  it('sends events without MsgId: follow, click', async () => {
    const openid = (
      await control<{ openid: string }>(sim.url, 'POST', `/sim/oa/accounts/${PLAIN.appId}/customers`, {
        subscribed: false,
      })
    ).body.openid;
    expect((await say(PLAIN.appId, openid, { type: 'text', content: 'x' })).status).toBe(409);
    await say(PLAIN.appId, openid, { type: 'follow', scene: '42' });
    await say(PLAIN.appId, openid, { type: 'click', eventKey: 'TALK_TO_AGENT' });
    expect(receiver.received.map((r) => r.body)).toEqual([
      buildXml({
        ToUserName: 'gh_plain',
        FromUserName: openid,
        CreateTime: start / 1000,
        MsgType: 'event',
        Event: 'subscribe',
        EventKey: 'qrscene_42',
        Ticket: 'gQ42',
      }),
      buildXml({
        ToUserName: 'gh_plain',
        FromUserName: openid,
        CreateTime: start / 1000,
        MsgType: 'event',
        Event: 'CLICK',
        EventKey: 'TALK_TO_AGENT',
      }),
    ]);
  });

  it('verifies the callback URL: ok only when the body is exactly the echostr', async () => {
    receiver.respond = (req) => {
      const q = req.url.searchParams;
      const good = q.get('signature') === oaSignature(PLAIN.token, q.get('timestamp')!, q.get('nonce')!);
      return good ? { body: q.get('echostr')! } : { status: 403, body: 'bad signature' };
    };
    const ok = await control<{ ok: boolean; status: number; body: string }>(
      sim.url,
      'POST',
      `/sim/oa/accounts/${PLAIN.appId}/verify-url`,
    );
    expect(ok.body.ok).toBe(true);
    expect(receiver.received[0].method).toBe('GET');
    receiver.respond = (req) => ({ body: `${req.url.searchParams.get('echostr')}\n` });
    const notExact = await control<{ ok: boolean }>(
      sim.url,
      'POST',
      `/sim/oa/accounts/${PLAIN.appId}/verify-url`,
    );
    expect(notExact.body.ok).toBe(false);
  });

  it('drops pushes when a drop-callback fault is armed, then retries', async () => {
    await control(sim.url, 'POST', '/sim/faults', {
      path: new URL(receiver.url).pathname,
      kind: 'drop-callback',
      count: 2,
    });
    const openid = await addCustomer(PLAIN.appId);
    const result = await say(PLAIN.appId, openid, { type: 'text', content: 'lost twice' });
    expect(result.body).toMatchObject({ delivered: true, attempts: 3 });
    expect(result.body.responses.map((r) => r.outcome)).toEqual(['dropped', 'dropped', 'accepted']);
    expect(receiver.received).toHaveLength(1);
  });
});
