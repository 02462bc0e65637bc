import { describe, expect, it } from '@jest/globals';
import { binary, FakeTransport, json, timeout } from './__tests__/fake-transport.js';
import { WechatApiError, WechatTransportError } from './errors.js';
import { WecomApiClient } from './wecom-api-client.js';

const BASE = 'http://127.0.0.1:3900/qyapi';
const client = (transport: FakeTransport) => new WecomApiClient({ baseUrl: BASE, transport });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('WecomApiClient: token', () => {
  it('gets a token with corpid and corpsecret, under a base path', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 0, errmsg: 'ok', access_token: 'QY_TOKEN', expires_in: 7200 }),
    );
    await expect(client(transport).getAccessToken({ corpId: 'ww1', secret: 'kfsecret' })).resolves.toEqual({
      accessToken: 'QY_TOKEN',
      expiresIn: 7200,
    });
    expect(transport.requests[0].url).toBe(`${BASE}/cgi-bin/gettoken?corpid=ww1&corpsecret=kfsecret`);
  });

  it('maps 40001 from gettoken to configuration and 60020 to configuration', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 40001, errmsg: 'invalid secret' }),
      json({ errcode: 60020, errmsg: 'not allow to access from your ip' }),
    );
    expect(await failure(client(transport).getAccessToken({ corpId: 'ww1', secret: 'x' }))).toMatchObject({
      category: 'configuration',
      errcode: 40001,
    });
    expect(await failure(client(transport).getAccessToken({ corpId: 'ww1', secret: 'x' }))).toMatchObject({
      category: 'configuration',
      errcode: 60020,
    });
  });
});

describe('WecomApiClient: sync_msg', () => {
  it('sends cursor, token, limit, voice format and open_kfid, and types the items', async () => {
    const transport = new FakeTransport().reply(
      json({
        errcode: 0,
        errmsg: 'ok',
        next_cursor: '4gw7MepFLfgF2VC5npN',
        has_more: 1,
        msg_list: [
          {
            msgid: 'from_msgid_1',
            open_kfid: 'wk1',
            external_userid: 'wm1',
            send_time: 1615478585,
            origin: 3,
            msgtype: 'text',
            text: { content: '在吗' },
          },
          {
            msgid: 'ev_1',
            send_time: 1615478586,
            origin: 4,
            msgtype: 'event',
            event: {
              event_type: 'enter_session',
              open_kfid: 'wk1',
              external_userid: 'wm1',
              welcome_code: 'W',
            },
          },
        ],
      }),
    );
    const page = await client(transport).syncMsg('T', {
      cursor: 'C0',
      token: 'CB_TOKEN',
      limit: 1000,
      voiceFormat: 0,
      openKfId: 'wk1',
    });
    expect(transport.requests[0]).toMatchObject({
      method: 'POST',
      url: `${BASE}/cgi-bin/kf/sync_msg?access_token=T`,
      json: { cursor: 'C0', token: 'CB_TOKEN', limit: 1000, voice_format: 0, open_kfid: 'wk1' },
    });
    expect(page.nextCursor).toBe('4gw7MepFLfgF2VC5npN');
    expect(page.hasMore).toBe(true);
    expect(page.items.map((i) => i.msgtype)).toEqual(['text', 'event']);
    expect(page.items[1]).toMatchObject({
      openKfId: 'wk1',
      event: { eventType: 'enter_session', welcomeCode: 'W' },
    });
  });

  it('leaves out what was not given, and accepts an empty page that has more', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 0, next_cursor: 'C2', has_more: 1, msg_list: [] }),
    );
    await expect(client(transport).syncMsg('T')).resolves.toEqual({
      nextCursor: 'C2',
      hasMore: true,
      items: [],
    });
    expect(transport.requests[0].json).toEqual({});
  });

  it('refuses a page without msg_list or has_more, and maps 95007', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 0, next_cursor: 'C', has_more: 0 }),
      json({ errcode: 0, next_cursor: 'C', msg_list: [] }),
      json({ errcode: 95007, errmsg: 'invalid msg token' }),
    );
    expect(await failure(client(transport).syncMsg('T'))).toBeInstanceOf(WechatTransportError);
    expect(await failure(client(transport).syncMsg('T'))).toBeInstanceOf(WechatTransportError);
    expect(await failure(client(transport).syncMsg('T', { token: 'old' }))).toMatchObject({
      errcode: 95007,
      category: 'bad-request',
    });
  });
});

describe('WecomApiClient: sending', () => {
  it('sends with our own msgid and returns the platform msgid', async () => {
    const transport = new FakeTransport().reply(json({ errcode: 0, errmsg: 'ok', msgid: 'desk-42' }));
    await expect(
      client(transport).sendMsg('T', {
        touser: 'wm1',
        open_kfid: 'wk1',
        msgid: 'desk-42',
        msgtype: 'text',
        text: { content: '您好' },
      }),
    ).resolves.toEqual({ msgId: 'desk-42' });
    expect(transport.requests[0].json).toEqual({
      touser: 'wm1',
      open_kfid: 'wk1',
      msgid: 'desk-42',
      msgtype: 'text',
      text: { content: '您好' },
    });
  });

  it('explains 95018 (session taken in WeCom) and 95001 (quota)', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 95018, errmsg: 'send msg session status invalid' }),
      json({ errcode: 95001, errmsg: 'send msg count limit' }),
    );
    const send = () =>
      client(transport).sendMsg('T', {
        touser: 'wm1',
        open_kfid: 'wk1',
        msgtype: 'image',
        image: { media_id: 'M' },
      });
    const taken = await failure(send());
    expect(taken).toBeInstanceOf(WechatApiError);
    expect(taken).toMatchObject({
      category: 'session-state',
      description: expect.stringMatching(/taken by a person in the WeCom app/),
    });
    expect(await failure(send())).toMatchObject({ category: 'quota-used' });
  });

  it('sends the welcome message on enter_session', async () => {
    const transport = new FakeTransport().reply(json({ errcode: 0, msgid: 'generated' }));
    await expect(
      client(transport).sendMsgOnEvent('T', { code: 'WELCOME', msgtype: 'text', text: { content: '欢迎' } }),
    ).resolves.toEqual({ msgId: 'generated' });
    expect(transport.lastUrl().pathname).toBe('/qyapi/cgi-bin/kf/send_msg_on_event');
  });

  it('retries nothing itself: a timeout is a retryable transport error', async () => {
    const error = await failure(
      client(new FakeTransport().reply(timeout())).sendMsg('T', {
        touser: 'u',
        open_kfid: 'k',
        msgid: 'm1',
        msgtype: 'text',
        text: { content: 'x' },
      }),
    );
    expect(error).toMatchObject({ failure: 'timeout', category: 'retryable', api: 'kf/send_msg' });
  });
});

describe('WecomApiClient: accounts, servicers, sessions, customers, media', () => {
  it('lists, adds, updates and deletes kf accounts, and makes a contact link', async () => {
    const transport = new FakeTransport().reply(
      json({
        errcode: 0,
        account_list: [
          { open_kfid: 'wk1', name: '售后客服', avatar: 'https://wework.qpic.cn/a', manage_privilege: true },
        ],
      }),
      json({ errcode: 0, open_kfid: 'wk2' }),
      json({ errcode: 0 }),
      json({ errcode: 0 }),
      json({ errcode: 0, url: 'https://work.weixin.qq.com/kf/kfcbf8f8d07ac7215f?enc_scene=ENCGFSDF567DF' }),
    );
    const api = client(transport);
    await expect(api.listKfAccounts('T')).resolves.toEqual([
      { openKfId: 'wk1', name: '售后客服', avatar: 'https://wework.qpic.cn/a', managePrivilege: true },
    ]);
    await expect(api.addKfAccount('T', { name: '新客服', mediaId: 'AVATAR' })).resolves.toEqual({
      openKfId: 'wk2',
    });
    await api.updateKfAccount('T', { openKfId: 'wk2', name: '改名' });
    await api.deleteKfAccount('T', 'wk2');
    await expect(api.addContactWay('T', { openKfId: 'wk1', scene: 'help_center' })).resolves.toEqual({
      url: 'https://work.weixin.qq.com/kf/kfcbf8f8d07ac7215f?enc_scene=ENCGFSDF567DF',
    });
    expect(
      transport.requests.map((r) => [new URL(r.url).pathname.replace('/qyapi/cgi-bin/', ''), r.json]),
    ).toEqual([
      ['kf/account/list', { offset: 0, limit: 100 }],
      ['kf/account/add', { name: '新客服', media_id: 'AVATAR' }],
      ['kf/account/update', { open_kfid: 'wk2', name: '改名' }],
      ['kf/account/del', { open_kfid: 'wk2' }],
      ['kf/add_contact_way', { open_kfid: 'wk1', scene: 'help_center' }],
    ]);
  });

  it('lists servicers', async () => {
    const transport = new FakeTransport().reply(
      json({
        errcode: 0,
        servicer_list: [
          { userid: 'zhangsan', status: 0 },
          { department_id: 2, status: 1, stop_type: 1 },
        ],
      }),
    );
    await expect(client(transport).listServicers('T', 'wk1')).resolves.toEqual([
      { userId: 'zhangsan', status: 0 },
      { departmentId: 2, status: 1, stopType: 1 },
    ]);
    expect(transport.lastUrl().searchParams.get('open_kfid')).toBe('wk1');
  });

  it('reads the service state under either field name', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 0, service_state: 3, servicer_userid: 'zhangsan' }),
      json({ errcode: 0, service_state: 3, service_userid: 'lisi' }),
      json({ errcode: 0, service_state: 1 }),
      json({ errcode: 0, service_state: 9 }),
    );
    const api = client(transport);
    const args = { openKfId: 'wk1', externalUserId: 'wm1' };
    await expect(api.getServiceState('T', args)).resolves.toEqual({
      serviceState: 3,
      servicerUserId: 'zhangsan',
    });
    await expect(api.getServiceState('T', args)).resolves.toEqual({
      serviceState: 3,
      servicerUserId: 'lisi',
    });
    await expect(api.getServiceState('T', args)).resolves.toEqual({ serviceState: 1 });
    expect(await failure(api.getServiceState('T', args))).toBeInstanceOf(WechatTransportError);
  });

  it('moves the session state and returns the msg_code', async () => {
    const transport = new FakeTransport().reply(json({ errcode: 0, msg_code: 'MSG_CODE' }));
    await expect(
      client(transport).transServiceState('T', { openKfId: 'wk1', externalUserId: 'wm1', serviceState: 4 }),
    ).resolves.toEqual({ msgCode: 'MSG_CODE' });
    expect(transport.requests[0].json).toEqual({
      open_kfid: 'wk1',
      external_userid: 'wm1',
      service_state: 4,
    });
  });

  it('batch-gets customers with their session context', async () => {
    const transport = new FakeTransport().reply(
      json({
        errcode: 0,
        customer_list: [
          {
            external_userid: 'wm1',
            nickname: '张三',
            avatar: 'http://xxxxx',
            gender: 1,
            unionid: 'oxasdaosaosdasdasdasd',
            enter_session_context: {
              scene: '123',
              scene_param: 'abc',
              wechat_channels: { nickname: '视频号', scene: 1 },
            },
          },
        ],
        invalid_external_userid: ['zhangsan'],
      }),
    );
    const result = await client(transport).batchGetCustomers('T', ['wm1', 'zhangsan'], true);
    expect(transport.requests[0].json).toEqual({
      external_userid_list: ['wm1', 'zhangsan'],
      need_enter_session_context: 1,
    });
    expect(result).toEqual({
      customers: [
        {
          externalUserId: 'wm1',
          nickname: '张三',
          avatar: 'http://xxxxx',
          gender: 1,
          unionId: 'oxasdaosaosdasdasdasd',
          enterSessionContext: {
            scene: '123',
            sceneParam: 'abc',
            wechatChannels: { nickname: '视频号', scene: 1 },
          },
          raw: expect.any(Object),
        },
      ],
      invalidExternalUserIds: ['zhangsan'],
    });
  });

  it('uploads and downloads media', async () => {
    const data = Buffer.from('%PDF-1.7 ...');
    const transport = new FakeTransport().reply(
      json({ errcode: 0, type: 'file', media_id: 'MEDIA', created_at: '1380000000' }),
      binary(data, {
        'content-type': 'application/pdf',
        'content-disposition': "attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf",
      }),
      json({ errcode: 40007, errmsg: 'invalid media_id' }),
    );
    const api = client(transport);
    await expect(
      api.uploadMedia('T', 'file', { filename: '发票.pdf', contentType: 'application/pdf', data }),
    ).resolves.toEqual({ mediaId: 'MEDIA', createdAt: 1380000000 });
    expect(transport.requests[0].url).toBe(`${BASE}/cgi-bin/media/upload?access_token=T&type=file`);
    await expect(api.getMedia('T', 'MEDIA')).resolves.toEqual({
      contentType: 'application/pdf',
      filename: '发票.pdf',
      data,
    });
    expect(await failure(api.getMedia('T', 'GONE'))).toMatchObject({ errcode: 40007, category: 'bad-media' });
  });
});
