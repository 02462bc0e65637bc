import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_AMR, SAMPLE_MP4, SAMPLE_PNG } from '../src/media/media-content.js';
import { CORP, WecomFixture, type Api } from './support/wecom-fixture.js';
import { getJson } from './support/http.js';

const MB = 1024 * 1024;
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32)]);

/** The WeCom API rules of the simulator README that the session tests do not already show. */
describe('WeCom kf API: accounts, contact links, servicers, customers, media, trusted IPs, shapes', () => {
  const f = new WecomFixture();
  beforeAll(() => f.start());
  afterAll(() => f.stop());

  const upload = async (type: string, data: Buffer, filename = 'x.bin', contentType?: string) => {
    const form = new FormData();
    form.append('media', new Blob([data], contentType ? { type: contentType } : {}), filename);
    const response = await fetch(f.url(`media/upload?type=${type}`), { method: 'POST', body: form });
    return (await response.json()) as Api;
  };

  describe('kf accounts', () => {
    it('adds (name ≤ 16 characters, avatar media must exist), updates, lists with paging and deletes', async () => {
      const avatar = (await upload('image', SAMPLE_PNG, 'avatar.png')).media_id as string;
      expect(
        (await f.api('kf/account/add', { name: '一二三四五六七八九十一二三四五六七', media_id: avatar }))
          .errcode,
      ).toBe(40058);
      expect((await f.api('kf/account/add', { name: '新客服', media_id: 'no-such-media' })).errcode).toBe(
        40007,
      );
      const added = await f.api<{ open_kfid: string }>('kf/account/add', {
        name: '新客服',
        media_id: avatar,
      });
      expect(added.errcode).toBe(0);
      expect(added.open_kfid).toMatch(/^wk/);
      expect(
        await f.api('kf/account/update', { open_kfid: added.open_kfid, name: '改名客服' }),
      ).toMatchObject({
        errcode: 0,
      });
      const page = await f.api<{ account_list: Array<{ open_kfid: string; name: string; avatar: string }> }>(
        'kf/account/list',
        { offset: 1, limit: 1 },
      );
      expect(page.account_list).toEqual([
        expect.objectContaining({
          open_kfid: added.open_kfid,
          name: '改名客服',
          avatar: expect.stringContaining(avatar),
        }),
      ]);
      expect((await f.api('kf/account/list', { limit: 101 })).errcode).toBe(40058);
      expect((await f.api('kf/account/del', { open_kfid: added.open_kfid })).errcode).toBe(0);
      expect((await f.api('kf/account/del', { open_kfid: added.open_kfid })).errcode).toBe(95004);
      expect((await f.api('kf/account/update', { open_kfid: '', name: 'x' })).errcode).toBe(95000);
    });
  });

  describe('contact links and enter_session', () => {
    it('makes a chat link per scene; opening it (with scene_param) delivers enter_session with both', async () => {
      const link = await f.api<{ url: string }>('kf/add_contact_way', {
        open_kfid: f.openKfId,
        scene: 'order_42',
      });
      expect(link.url).toMatch(/^https:\/\/work\.weixin\.qq\.com\/kf\/kfc[0-9a-f]+\?enc_scene=ENC\w+$/);
      expect(
        (await f.api('kf/add_contact_way', { open_kfid: f.openKfId, scene: 'not a scene!' })).errcode,
      ).toBe(40058);
      const user = await f.newCustomer();
      await f.drain();
      const opened = await f.control('POST', `${f.chat(user)}/messages`, {
        type: 'enter_session',
        contactUrl: `${link.url}&scene_param=${encodeURIComponent('单号=A-1 来自官网')}`,
      });
      expect(opened.status).toBe(200);
      const [event] = await f.drain();
      expect(event.event).toMatchObject({
        event_type: 'enter_session',
        scene: 'order_42',
        scene_param: '单号=A-1 来自官网',
        external_userid: user,
      });
      const batch = await f.api<{ customer_list: unknown[] }>('kf/customer/batchget', {
        external_userid_list: [user],
        need_enter_session_context: 1,
      });
      expect(batch.customer_list).toEqual([
        expect.objectContaining({
          external_userid: user,
          enter_session_context: { scene: 'order_42', scene_param: '单号=A-1 来自官网' },
        }),
      ]);
    });

    it('delivers nothing for a link WeCom did not make, one altered, or another account’s', async () => {
      const link = (
        await f.api<{ url: string }>('kf/add_contact_way', { open_kfid: f.openKfId, scene: 's1' })
      ).url;
      const other = await f.addAccount('别的客服');
      const otherLink = (await f.api<{ url: string }>('kf/add_contact_way', { open_kfid: other })).url;
      const user = await f.newCustomer();
      await f.drain();
      f.receiver.reset();
      const open = (contactUrl: string) =>
        f.control<{ error: string }>('POST', `${f.chat(user)}/messages`, {
          type: 'enter_session',
          contactUrl,
        });
      expect((await open(`${link}X`)).status).toBe(409);
      expect((await open(`${link}&other=1`)).status).toBe(409);
      expect((await open(otherLink)).status).toBe(409);
      expect((await open('https://work.weixin.qq.com/kf/kfc0000')).body.error).toMatch(/does not recognise/);
      expect((await open(`${link}&scene_param=${'x'.repeat(129)}`)).status).toBe(400);
      expect(f.receiver.received).toEqual([]);
      expect(await f.drain()).toEqual([]);
      const listed = await f.control<Array<{ url: string; scene: string }>>(
        'GET',
        `/sim/wecom/corps/${CORP.corpId}/kf-accounts/${f.openKfId}/contact-ways`,
      );
      expect(listed.body).toContainEqual(expect.objectContaining({ url: link, scene: 's1' }));
    });
  });

  describe('servicers and customers', () => {
    it('adds and removes servicers (per-user results), and batchgets customers with invalid ids listed', async () => {
      const added = await f.api<{ result_list: unknown[] }>('kf/servicer/add', {
        open_kfid: f.openKfId,
        userid_list: ['wangwu', ''],
      });
      expect(added.result_list).toEqual([
        { userid: 'wangwu', errcode: 0, errmsg: 'success' },
        { userid: '', errcode: 60111, errmsg: 'invalid userid' },
      ]);
      expect((await f.api('kf/servicer/add', { open_kfid: f.openKfId, userid_list: [] })).errcode).toBe(
        40058,
      );
      await f.api('kf/servicer/del', { open_kfid: f.openKfId, userid_list: ['wangwu'] });
      const list = await getJson<{ servicer_list: Array<{ userid: string }> }>(
        `${f.url('kf/servicer/list')}&open_kfid=${f.openKfId}`,
      );
      expect(list.servicer_list.map((s) => s.userid)).toEqual(['lisi']);

      const user = await f.newCustomer('王小明');
      const batch = await f.api('kf/customer/batchget', { external_userid_list: [user, 'wmNobody'] });
      expect(batch).toMatchObject({
        errcode: 0,
        customer_list: [{ external_userid: user, nickname: '王小明', avatar: '', gender: 0, unionid: '' }],
        invalid_external_userid: ['wmNobody'],
      });
      expect((await f.api('kf/customer/batchget', { external_userid_list: [] })).errcode).toBe(40058);
    });
  });

  describe('media', () => {
    it('stores uploads for 3 days, created_at as a string, served under their real name and type', async () => {
      const pdf = Buffer.from('%PDF-1.7 a real enough invoice');
      const uploaded = await upload('file', pdf, '发票 2024.pdf', 'application/pdf');
      expect(uploaded).toMatchObject({
        errcode: 0,
        type: 'file',
        created_at: String(f.sim.clock.nowSeconds()),
      });
      const got = await fetch(f.url(`media/get?media_id=${uploaded.media_id as string}`));
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toBe(
        `attachment; filename="__ 2024.pdf"; filename*=UTF-8''${encodeURIComponent('发票 2024.pdf')}`,
      );
      expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
      f.sim.clock.advance(3 * 86400);
      await f.refreshToken();
      expect(await getJson(f.url(`media/get?media_id=${uploaded.media_id as string}`))).toMatchObject({
        errcode: 40007,
      });
    });

    it('checks each type by content and size with WeCom’s codes', async () => {
      expect((await upload('sticker', SAMPLE_PNG)).errcode).toBe(40005);
      expect((await upload('image', Buffer.from('tiny'))).errcode).toBe(40006);
      expect((await upload('image', GIF, 'a.gif')).errcode).toBe(40004);
      expect((await upload('image', SAMPLE_PNG, '/etc/a.png')).errcode).toBe(40058);
      expect(
        (await upload('image', Buffer.concat([SAMPLE_PNG, Buffer.alloc(10 * MB)]), 'big.png')).errcode,
      ).toBe(40009);
      expect((await upload('voice', SAMPLE_PNG, 'a.amr')).errcode).toBe(40004);
      expect(
        (await upload('voice', Buffer.concat([SAMPLE_AMR, Buffer.alloc(2 * MB)]), 'a.amr')).errcode,
      ).toBe(40006);
      expect((await upload('voice', SAMPLE_AMR, 'a.amr')).errcode).toBe(0);
      expect((await upload('video', SAMPLE_AMR, 'a.mp4')).errcode).toBe(40004);
      expect(
        (await upload('video', Buffer.concat([SAMPLE_MP4, Buffer.alloc(10 * MB)]), 'a.mp4')).errcode,
      ).toBe(40011);
      expect((await upload('video', SAMPLE_MP4, 'a.mp4')).errcode).toBe(0);
      expect((await upload('file', Buffer.alloc(20 * MB + 1, 1), 'big.zip')).errcode).toBe(40006);
      expect((await upload('file', Buffer.alloc(20 * MB, 1), 'ok.zip')).errcode).toBe(0);
    });

    it('takes the 2 MB image limit of older docs per corp ([conflict])', async () => {
      const png3mb = Buffer.concat([SAMPLE_PNG, Buffer.alloc(3 * MB)]);
      expect((await upload('image', png3mb, 'a.png')).errcode).toBe(0);
      await f.control('POST', '/sim/wecom/corps', { corpId: CORP.corpId, imageMaxBytes: 2 * MB });
      expect((await upload('image', png3mb, 'a.png')).errcode).toBe(40009);
      await f.control('POST', '/sim/wecom/corps', { corpId: CORP.corpId, imageMaxBytes: 10 * MB });
    });

    it('lets a customer send a file the server downloads under its real name and type', async () => {
      const user = await f.newCustomer();
      await f.drain();
      const data = Buffer.from('PK\u0003\u0004 zipped logs');
      await f.customerSays(user, {
        type: 'file',
        data: data.toString('base64'),
        filename: '日志.zip',
        contentType: 'application/zip',
      });
      const [item] = await f.drain();
      expect(item).toMatchObject({ origin: 3, msgtype: 'file', file: { media_id: expect.any(String) } });
      const got = await fetch(f.url(`media/get?media_id=${(item.file as { media_id: string }).media_id}`));
      expect(got.headers.get('content-type')).toBe('application/zip');
      expect(got.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('日志.zip')}`,
      );
      expect(Buffer.from(await got.arrayBuffer()).equals(data)).toBe(true);
      const notImage = await f.control('POST', `${f.chat(user)}/messages`, {
        type: 'image',
        data: data.toString('base64'),
      });
      expect(notImage.status).toBe(400);
    });
  });

  describe('tokens and trusted IPs', () => {
    it('refuses callers outside the trusted IPs with 60020 on every API but gettoken', async () => {
      await f.control('POST', `/sim/wecom/corps/${CORP.corpId}/ip-whitelist`, {
        enabled: true,
        ips: ['10.0.0.1'],
      });
      expect(await f.refreshToken()).toEqual(expect.any(String));
      const refused = await f.api('kf/account/list', {});
      expect(refused.errcode).toBe(60020);
      expect(refused.errmsg).toMatch(
        /^not allow to access from your ip, hint: \[\w+\], from ip: 127\.0\.0\.1,/,
      );
      expect((await upload('image', SAMPLE_PNG)).errcode).toBe(60020);
      await f.control('POST', `/sim/wecom/corps/${CORP.corpId}/ip-whitelist`, {
        ips: ['127.0.0.1'],
        enabled: true,
      });
      expect((await f.api('kf/account/list', {})).errcode).toBe(0);
      await f.control('POST', `/sim/wecom/corps/${CORP.corpId}/ip-whitelist`, { enabled: false });
      expect(
        (await f.control('POST', `/sim/wecom/corps/${CORP.corpId}/ip-whitelist`, { ips: [] })).status,
      ).toBe(400);
    });

    it('issues a new token each call when tokenReuse is off, and refuses a missing token (41001)', async () => {
      await f.control('POST', '/sim/wecom/corps', { corpId: CORP.corpId, tokenReuse: false });
      const a = await f.refreshToken();
      const b = await f.refreshToken();
      expect(a).not.toBe(b);
      await f.control('POST', '/sim/wecom/corps', { corpId: CORP.corpId, tokenReuse: true });
      const missing = await fetch(`${f.sim.url}/qyapi/cgi-bin/kf/account/list`, {
        method: 'POST',
        body: '{}',
      });
      expect(((await missing.json()) as Api).errcode).toBe(41001);
    });
  });

  describe('send_msg shapes and sync_msg parameters', () => {
    it('refuses unknown accounts (95004, malformed 95000), long text (45002), missing media (40007), bad shapes (40058)', async () => {
      const user = await f.newCustomer();
      await f.customerSays(user);
      await f.drain();
      const send = (body: Record<string, unknown>) =>
        f.api('kf/send_msg', { touser: user, open_kfid: f.openKfId, ...body });
      expect(
        (await send({ open_kfid: 'wkNoSuchAccount', msgtype: 'text', text: { content: 'x' } })).errcode,
      ).toBe(95004);
      expect((await send({ open_kfid: 42, msgtype: 'text', text: { content: 'x' } })).errcode).toBe(95000);
      expect((await send({ msgtype: 'text', text: { content: '字'.repeat(683) } })).errcode).toBe(45002);
      expect((await send({ msgtype: 'image', image: { media_id: 'gone' } })).errcode).toBe(40007);
      expect((await send({ msgtype: 'sticker', sticker: {} })).errcode).toBe(40058);
      expect((await send({ msgtype: 'location', location: { latitude: 91, longitude: 0 } })).errcode).toBe(
        40058,
      );
      expect((await send({ msgtype: 'text', text: { content: 'x' }, msgid: 'has space' })).errcode).toBe(
        40058,
      );
      // None used the allowance: five still go through.
      for (let i = 0; i < 5; i++) expect((await f.sendText(user, `ok ${i}`)).errcode).toBe(0);
      expect((await f.sendText(user, 'sixth')).errcode).toBe(95001);
    });

    it('validates limit and cursor, filters by open_kfid, and allows pulling without a token', async () => {
      expect((await f.sync({ limit: 0 })).errcode).toBe(40058);
      expect((await f.sync({ limit: 1001 })).errcode).toBe(40058);
      expect((await f.sync({ cursor: 'not-a-cursor' })).errcode).toBe(40058);
      const other = await f.addAccount('另一个客服');
      const user = await f.newCustomer();
      await f.drain();
      await f.control('POST', `${f.chat(user, other)}/messages`, { type: 'text', content: '找另一个' });
      const mine = await f.sync({ cursor: '', open_kfid: f.openKfId });
      expect(mine.msg_list.some((m) => m.open_kfid === other)).toBe(false);
      const all = await f.drain();
      expect(all).toEqual([expect.objectContaining({ open_kfid: other, text: { content: '找另一个' } })]);
    });
  });

  describe('session codes', () => {
    it('gives a queue code (text only, only while queued) and stops it working once the session moved on', async () => {
      const user = await f.newCustomer();
      await f.customerSays(user);
      const trans = (service_state: number, servicer_userid?: string) =>
        f.api<{ msg_code?: string }>('kf/service_state/trans', {
          open_kfid: f.openKfId,
          external_userid: user,
          service_state,
          servicer_userid,
        });
      const queued = await trans(2);
      expect(queued.msg_code).toEqual(expect.any(String));
      const menu = {
        head_content: '请选择',
        list: [{ type: 'click', click: { id: '1', content: '查订单' } }],
      };
      expect(
        (await f.api('kf/send_msg_on_event', { code: queued.msg_code, msgtype: 'msgmenu', msgmenu: menu }))
          .errcode,
      ).toBe(40058);
      const queueNotice = (code: unknown) =>
        f.api('kf/send_msg_on_event', { code, msgtype: 'text', text: { content: '您已进入排队' } });
      // The refused call did not use the code up; the first accepted one does.
      expect((await queueNotice(queued.msg_code)).errcode).toBe(0);
      expect((await queueNotice(queued.msg_code)).errcode).toBe(95013);

      await trans(4);
      await f.customerSays(user);
      const again = await trans(2);
      expect((await trans(3, 'lisi')).msg_code).toBeUndefined();
      expect((await queueNotice(again.msg_code)).errcode).toBe(95018);
      // Moves not in WeCom's table are refused.
      expect((await trans(1)).errcode).toBe(95016);
      expect((await trans(3, 'lisi')).errcode).toBe(95016);
      await f.drain();
    });

    it('lets a taken-session code live 48 h and a closing code 20 s', async () => {
      const user = await f.newCustomer();
      await f.customerSays(user);
      const trans = (service_state: number, servicer_userid?: string) =>
        f.api<{ msg_code?: string }>('kf/service_state/trans', {
          open_kfid: f.openKfId,
          external_userid: user,
          service_state,
          servicer_userid,
        });
      const notice = (code: unknown) =>
        f.api('kf/send_msg_on_event', { code, msgtype: 'text', text: { content: '通知' } });
      const taken = await trans(3, 'lisi');
      f.sim.clock.advance(48 * 3600);
      await f.refreshToken();
      expect((await notice(taken.msg_code)).errcode).toBe(95013);
      const closing = await trans(4);
      f.sim.clock.advance(20);
      expect((await notice(closing.msg_code)).errcode).toBe(95013);
      await f.drain();
    });

    it('gives no welcome code when a message reached the customer in the last 48 h', async () => {
      const user = await f.newCustomer();
      await f.customerSays(user);
      expect((await f.sendText(user, '您好')).errcode).toBe(0);
      const entered = await f.control<{ welcomeCode?: string }>('POST', `${f.chat(user)}/messages`, {
        type: 'enter_session',
      });
      expect(entered.body.welcomeCode).toBeUndefined();
      f.sim.clock.advance(48 * 3600);
      await f.refreshToken();
      const later = await f.control<{ welcomeCode?: string }>('POST', `${f.chat(user)}/messages`, {
        type: 'enter_session',
      });
      expect(later.body.welcomeCode).toEqual(expect.any(String));
      await f.drain();
    });
  });
});
