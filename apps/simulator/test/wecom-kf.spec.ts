import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MessageCipher, msgSignature } from '#wechat';
import { SimulatorClock } from '../src/clock.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { CallbackReceiver } from './support/callback-receiver.js';
import { control, getJson, postJson } from './support/http.js';

const CORP = {
  corpId: 'ww0000000000000001',
  corpSecret: 'kf-secret',
  token: 'kftoken',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

type Api = { errcode: number; errmsg: string } & Record<string, unknown>;
interface SyncItem {
  msgid: string;
  origin: number;
  msgtype: string;
  text?: { content: string };
  event?: Record<string, string>;
  servicer_userid?: string;
}

describe('WeCom kf: tokens, callbacks, sync_msg, send_msg rules, session states and codes', () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  let token: string;
  let openKfId: string;
  const qy = (path: string) => `${sim.url}/qyapi/cgi-bin/${path}?access_token=${token}`;
  const cipher = new MessageCipher(CORP.encodingAesKey, CORP.corpId);

  const newCustomer = async () =>
    (
      await control<{ externalUserId: string }>(
        sim.url,
        'POST',
        `/sim/wecom/corps/${CORP.corpId}/customers`,
        { nickname: '张三' },
      )
    ).body.externalUserId;
  const chat = (user: string) => `/sim/wecom/corps/${CORP.corpId}/kf-accounts/${openKfId}/customers/${user}`;
  const customerSays = async (
    user: string,
    body: Record<string, unknown> = { type: 'text', content: '你好' },
  ) =>
    (
      await control<{ msgid: string; delivered: boolean; callbackToken: string; welcomeCode?: string }>(
        sim.url,
        'POST',
        `${chat(user)}/messages`,
        body,
      )
    ).body;
  const sendText = (user: string, content: string, extra: Record<string, unknown> = {}) =>
    postJson<Api>(qy('kf/send_msg'), {
      touser: user,
      open_kfid: openKfId,
      msgtype: 'text',
      text: { content },
      ...extra,
    });
  const sync = (body: Record<string, unknown>) =>
    postJson<Api & { next_cursor: string; has_more: number; msg_list: SyncItem[] }>(qy('kf/sync_msg'), body);
  const inbox = async (user: string) =>
    (await control<Array<{ content?: string; via: string }>>(sim.url, 'GET', `${chat(user)}/inbox`)).body;
  const decryptPush = (i: number) => {
    const push = receiver.received[i];
    const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(push.body)![1];
    const q = push.url.searchParams;
    expect(q.get('msg_signature')).toBe(
      msgSignature(CORP.token, q.get('timestamp')!, q.get('nonce')!, encrypt),
    );
    return cipher.decrypt(encrypt);
  };
  const freshToken = async () =>
    (
      await getJson<{ access_token: string }>(
        `${sim.url}/qyapi/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.corpSecret}`,
      )
    ).access_token;
  let cursor = '';
  const drain = async () => {
    const page = await sync({ cursor, limit: 1000 });
    cursor = page.next_cursor;
    return page.msg_list;
  };

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start('/wecom/callback');
    sim = await startSimulator({ clock: new SimulatorClock({ frozen: true }), callbackTimeoutMs: 300 });
    await control(sim.url, 'POST', '/sim/wecom/corps', { ...CORP, callbackUrl: receiver.url });
    token = await freshToken();
    openKfId = (
      await control<{ openKfId: string }>(sim.url, 'POST', `/sim/wecom/corps/${CORP.corpId}/kf-accounts`, {
        name: '售后客服',
      })
    ).body.openKfId;
    await postJson(qy('kf/servicer/add'), { open_kfid: openKfId, userid_list: ['lisi'] });
  });
  beforeEach(() => receiver.reset());
  afterAll(async () => {
    await sim.close();
    await receiver.stop();
  });

  it('issues gettoken tokens (the same one while valid) and refuses unknown corp (40013) and bad secret (40001)', async () => {
    const again = await getJson<Api>(
      `${sim.url}/qyapi/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.corpSecret}`,
    );
    expect(again).toMatchObject({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    const unknown = await getJson<Api>(`${sim.url}/qyapi/cgi-bin/gettoken?corpid=nope&corpsecret=x`);
    expect(unknown.errcode).toBe(40013);
    expect(unknown.errmsg).toMatch(
      /^invalid corpid, hint: \[\w+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40013$/,
    );
    expect(
      (await getJson<Api>(`${sim.url}/qyapi/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=bad`)).errcode,
    ).toBe(40001);
    expect(
      (await postJson<Api>(`${sim.url}/qyapi/cgi-bin/kf/account/list?access_token=bogus`, {})).errcode,
    ).toBe(40014);
  });

  it('lists the kf account and its servicer', async () => {
    const list = await postJson<Api>(qy('kf/account/list'), { offset: 0, limit: 100 });
    expect(list.account_list).toEqual([
      { open_kfid: openKfId, name: '售后客服', avatar: '', manage_privilege: true },
    ]);
    const servicers = await getJson<Api>(`${qy('kf/servicer/list')}&open_kfid=${openKfId}`);
    expect(servicers.servicer_list).toEqual([{ userid: 'lisi', status: 0 }]);
  });

  it('rings the encrypted doorbell (kf_msg_or_event with a Token) and serves the message through sync_msg only', async () => {
    const user = await newCustomer();
    const said = await customerSays(user, { type: 'text', content: '我要退货' });
    expect(said.delivered).toBe(true);
    const xml = decryptPush(0);
    expect(xml).toContain('<Event><![CDATA[kf_msg_or_event]]></Event>');
    expect(xml).toContain(`<Token><![CDATA[${said.callbackToken}]]></Token>`);
    expect(xml).toContain(`<OpenKfId><![CDATA[${openKfId}]]></OpenKfId>`);
    expect(xml).not.toContain('我要退货');

    const page = await sync({ cursor, token: said.callbackToken, open_kfid: openKfId });
    expect(page.errcode).toBe(0);
    expect(page.has_more).toBe(0);
    expect(page.msg_list).toEqual([
      expect.objectContaining({
        msgid: said.msgid,
        open_kfid: openKfId,
        external_userid: user,
        origin: 3,
        msgtype: 'text',
        text: { content: '我要退货' },
      }),
    ]);
    cursor = page.next_cursor;
    expect((await sync({ cursor, token: said.callbackToken })).msg_list).toEqual([]);
  });

  it('accepts a callback Token for 10 minutes only (95007), and refuses made-up tokens', async () => {
    const user = await newCustomer();
    const said = await customerSays(user);
    expect((await sync({ cursor, token: 'ENCnotatoken' })).errcode).toBe(95007);
    sim.clock.advance(599);
    expect((await sync({ cursor, token: said.callbackToken })).errcode).toBe(0);
    sim.clock.advance(1);
    const expired = await sync({ cursor, token: said.callbackToken });
    expect(expired.errcode).toBe(95007);
    expect(expired.errmsg).toMatch(/^invalid msg token, hint/);
    await drain();
  });

  it('pages with has_more and never loses or repeats an item', async () => {
    const user = await newCustomer();
    for (const content of ['一', '二', '三']) await customerSays(user, { type: 'text', content });
    const first = await sync({ cursor, limit: 2 });
    expect(first.has_more).toBe(1);
    const second = await sync({ cursor: first.next_cursor, limit: 2 });
    expect(second.has_more).toBe(0);
    expect([...first.msg_list, ...second.msg_list].map((m) => m.text?.content)).toEqual(['一', '二', '三']);
    cursor = second.next_cursor;
  });

  it('send_msg: delivered to the customer, never returned by sync_msg, 5 per customer message (95001), 48 h (95002)', async () => {
    const user = await newCustomer();
    await customerSays(user);
    await drain();
    for (let i = 1; i <= 5; i++) expect((await sendText(user, `r${i}`)).errcode).toBe(0);
    expect((await sendText(user, 'r6')).errcode).toBe(95001);
    expect(await drain()).toEqual([]);
    expect((await inbox(user)).map((m) => m.content)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);

    await customerSays(user, { type: 'text', content: '还有问题' });
    const withId = await sendText(user, 'r7', { msgid: 'client-msg-7' });
    expect(withId).toMatchObject({ errcode: 0, msgid: 'client-msg-7' });
    // A retry with the same msgid is not delivered twice.
    expect(await sendText(user, 'r7', { msgid: 'client-msg-7' })).toMatchObject({
      errcode: 0,
      msgid: 'client-msg-7',
    });
    expect((await inbox(user)).filter((m) => m.content === 'r7')).toHaveLength(1);
    sim.clock.advance(48 * 3600);
    expect((await sendText(user, 'late')).errcode).toBe(42001);
    token = await freshToken();
    expect((await sendText(user, 'late')).errcode).toBe(95002);
    expect((await sendText('wmNobody', 'x')).errcode).toBe(40096);
    await drain();
  });

  it('session states: trans to a servicer (3) gives a msg_code, blocks send_msg (95018), shows origin-5 replies; ending gives a closing code', async () => {
    const user = await newCustomer();
    await customerSays(user);
    const state = async () =>
      (await postJson<Api>(qy('kf/service_state/get'), { open_kfid: openKfId, external_userid: user }))
        .service_state;
    expect(await state()).toBe(0);
    expect(
      (
        await postJson<Api>(qy('kf/service_state/trans'), {
          open_kfid: openKfId,
          external_userid: user,
          service_state: 3,
          servicer_userid: 'nobody',
        })
      ).errcode,
    ).toBe(95014);
    const toHuman = await postJson<Api>(qy('kf/service_state/trans'), {
      open_kfid: openKfId,
      external_userid: user,
      service_state: 3,
      servicer_userid: 'lisi',
    });
    expect(toHuman.errcode).toBe(0);
    expect(toHuman.msg_code).toEqual(expect.any(String));
    expect(await state()).toBe(3);
    const refused = await sendText(user, 'bot reply');
    expect(refused.errcode).toBe(95018);
    expect(refused.errmsg).toMatch(/^send msg session status invalid/);

    await control(sim.url, 'POST', `${chat(user)}/servicer-messages`, { content: '我是李四' });
    const items = await drain();
    expect(items.at(-1)).toMatchObject({ origin: 5, servicer_userid: 'lisi', text: { content: '我是李四' } });

    const end = await postJson<Api>(qy('kf/service_state/trans'), {
      open_kfid: openKfId,
      external_userid: user,
      service_state: 4,
    });
    expect(await state()).toBe(4);
    const closing = { code: end.msg_code, msgtype: 'text', text: { content: '感谢您的咨询' } };
    expect((await postJson<Api>(qy('kf/send_msg_on_event'), closing)).errcode).toBe(0);
    expect((await postJson<Api>(qy('kf/send_msg_on_event'), closing)).errcode).toBe(95013);
    expect(
      (
        await postJson<Api>(qy('kf/service_state/trans'), {
          open_kfid: openKfId,
          external_userid: user,
          service_state: 1,
        })
      ).errcode,
    ).toBe(95016);
    // The customer's next message reopens the session as new.
    await customerSays(user);
    expect(await state()).toBe(0);
    await drain();
  });

  it('a servicer taking and ending the chat in the WeCom app arrives as session_status_change events', async () => {
    const user = await newCustomer();
    await customerSays(user);
    await drain();
    const take = await control<{ sessionState: number; msgCode: string }>(
      sim.url,
      'POST',
      `${chat(user)}/servicer-actions`,
      {
        action: 'take',
        servicerUserId: 'lisi',
      },
    );
    expect(take.body.sessionState).toBe(3);
    expect((await sendText(user, 'bot')).errcode).toBe(95018);
    await control(sim.url, 'POST', `${chat(user)}/servicer-actions`, { action: 'end' });
    const events = (await drain()).map((m) => m.event);
    expect(events).toEqual([
      {
        event_type: 'session_status_change',
        open_kfid: openKfId,
        external_userid: user,
        change_type: 1,
        new_servicer_userid: 'lisi',
        msg_code: take.body.msgCode,
      },
      expect.objectContaining({
        event_type: 'session_status_change',
        change_type: 3,
        old_servicer_userid: 'lisi',
        msg_code: expect.any(String),
      }),
    ]);
  });

  it('enter_session carries a welcome_code valid for 20 s', async () => {
    const user = await newCustomer();
    const entered = await customerSays(user, { type: 'enter_session', scene: 'website' });
    const [event] = await drain();
    expect(event).toMatchObject({
      origin: 4,
      msgtype: 'event',
      event: { event_type: 'enter_session', scene: 'website', external_userid: user },
    });
    const code = event.event!.welcome_code;
    expect(code).toBe(entered.welcomeCode);
    const welcome = { code, msgtype: 'text', text: { content: '欢迎光临' } };
    sim.clock.advance(20);
    expect((await postJson<Api>(qy('kf/send_msg_on_event'), welcome)).errcode).toBe(95013);

    const again = await customerSays(user, { type: 'enter_session' });
    await drain();
    expect(
      (await postJson<Api>(qy('kf/send_msg_on_event'), { ...welcome, code: again.welcomeCode })).errcode,
    ).toBe(0);
    expect((await inbox(user)).map((m) => [m.content, m.via])).toEqual([['欢迎光临', 'send_msg_on_event']]);
    // Welcomed in the last 48 h: no new welcome code.
    expect((await customerSays(user, { type: 'enter_session' })).welcomeCode).toBeUndefined();
    await drain();
  });

  it('verifies the callback URL: the server must answer the decrypted echostr', async () => {
    receiver.respond = (req) => {
      const q = req.url.searchParams;
      const echostr = q.get('echostr')!;
      if (q.get('msg_signature') !== msgSignature(CORP.token, q.get('timestamp')!, q.get('nonce')!, echostr))
        return { status: 403, body: 'bad' };
      return { body: cipher.decrypt(echostr) };
    };
    const result = await control<{ ok: boolean }>(
      sim.url,
      'POST',
      `/sim/wecom/corps/${CORP.corpId}/verify-url`,
    );
    expect(result.body.ok).toBe(true);
  });
});
