import { describe, expect, it } from '@jest/globals';
import { binary, FakeTransport, json, timeout } from './__tests__/fake-transport.js';
import { WechatApiError, WechatTransportError } from './errors.js';
import { OaApiClient } from './oa-api-client.js';

const BASE = 'https://api.example.test';

function client(transport: FakeTransport): OaApiClient {
  return new OaApiClient({
    baseUrl: `${BASE}/`,
    transport,
    timeoutMs: 1234,
    qrImageBaseUrl: 'https://mp.example.test',
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('OaApiClient: access tokens', () => {
  it('gets a token from cgi-bin/token with the credentials in the query', async () => {
    const transport = new FakeTransport().reply(json({ access_token: 'TOKEN_1', expires_in: 7200 }));
    await expect(client(transport).getAccessToken({ appId: 'wx1', appSecret: 's3cret' })).resolves.toEqual({
      accessToken: 'TOKEN_1',
      expiresIn: 7200,
    });
    const [request] = transport.requests;
    expect(request.method).toBe('GET');
    expect(request.timeoutMs).toBe(1234);
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(`${BASE}/cgi-bin/token`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      grant_type: 'client_credential',
      appid: 'wx1',
      secret: 's3cret',
    });
  });

  it('gets a stable token with a JSON body', async () => {
    const transport = new FakeTransport().reply(json({ access_token: 'STABLE', expires_in: 7000 }));
    await expect(
      client(transport).getStableAccessToken({ appId: 'wx1', appSecret: 's' }, true),
    ).resolves.toEqual({
      accessToken: 'STABLE',
      expiresIn: 7000,
    });
    expect(transport.requests[0]).toMatchObject({
      method: 'POST',
      url: `${BASE}/cgi-bin/stable_token`,
      json: { grant_type: 'client_credential', appid: 'wx1', secret: 's', force_refresh: true },
    });
  });

  it('maps 40164 to a configuration error that names the IP whitelist', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 40164, errmsg: 'invalid ip 1.2.3.4, not in whitelist' }),
    );
    const error = await failure(client(transport).getAccessToken({ appId: 'wx1', appSecret: 's' }));
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 40164, category: 'configuration', api: 'cgi-bin/token' });
    expect((error as WechatApiError).description).toMatch(/whitelist/);
  });

  it('treats 40001 from the token endpoint as a wrong secret, not a stale token', async () => {
    const transport = new FakeTransport().reply(json({ errcode: 40001, errmsg: 'invalid credential' }));
    const error = await failure(client(transport).getAccessToken({ appId: 'wx1', appSecret: 'bad' }));
    expect(error).toMatchObject({ errcode: 40001, category: 'configuration' });
  });

  it('refuses an answer without access_token or with a bad expires_in', async () => {
    for (const body of [
      { expires_in: 7200 },
      { access_token: '', expires_in: 7200 },
      { access_token: 'T' },
      { access_token: 'T', expires_in: 0 },
    ]) {
      const error = await failure(
        client(new FakeTransport().reply(json(body))).getAccessToken({ appId: 'a', appSecret: 'b' }),
      );
      expect(error).toBeInstanceOf(WechatTransportError);
      expect(error).toMatchObject({ failure: 'invalid-response', category: 'retryable' });
    }
  });
});

describe('OaApiClient: transport failures', () => {
  const send = (transport: FakeTransport) =>
    client(transport).sendCustomMessage('TOKEN', { touser: 'o1', msgtype: 'text', text: { content: 'hi' } });

  it('turns a timeout into a retryable WechatTransportError without leaking the token', async () => {
    const error = await failure(send(new FakeTransport().reply(timeout())));
    expect(error).toBeInstanceOf(WechatTransportError);
    expect(error).toMatchObject({
      failure: 'timeout',
      category: 'retryable',
      api: 'cgi-bin/message/custom/send',
    });
    expect((error as Error).message).not.toContain('TOKEN');
  });

  it('turns network errors, non-2xx, non-JSON and non-object bodies into WechatTransportError', async () => {
    const cases: Array<[FakeTransport, string]> = [
      [new FakeTransport().reply(new Error('ECONNRESET')), 'network'],
      // A reset after connecting may come after the platform got the request: not provably unsent.
      [
        new FakeTransport().reply(
          new TypeError('fetch failed', {
            cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }),
          }),
        ),
        'network',
      ],
      // No connection was ever opened: the request provably never reached the platform.
      [
        new FakeTransport().reply(
          new TypeError('fetch failed', {
            cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4999'), { code: 'ECONNREFUSED' }),
          }),
        ),
        'connect',
      ],
      [
        new FakeTransport().reply(
          new TypeError('fetch failed', {
            cause: new AggregateError([Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' })]),
          }),
        ),
        'connect',
      ],
      [new FakeTransport().reply(json({ errcode: 0 }, 502)), 'http-status'],
      [
        new FakeTransport().reply({ status: 200, headers: {}, body: Buffer.from('<html>busy</html>') }),
        'invalid-json',
      ],
      [new FakeTransport().reply(json([1, 2])), 'invalid-response'],
      [new FakeTransport().reply(json({ errcode: 'x' })), 'invalid-response'],
    ];
    for (const [transport, kind] of cases) {
      const error = await failure(send(transport));
      expect(error).toBeInstanceOf(WechatTransportError);
      expect((error as WechatTransportError).failure).toBe(kind);
    }
  });
});

describe('OaApiClient: custom messages', () => {
  it('posts the message as JSON with the token in the query', async () => {
    const transport = new FakeTransport().reply(json({ errcode: 0, errmsg: 'ok' }));
    await client(transport).sendCustomMessage('TOKEN', {
      touser: 'o1',
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: '您对本次服务是否满意呢? ',
        list: [{ id: '101', content: '满意' }],
        tail_content: '欢迎再次光临',
      },
    });
    expect(transport.requests[0]).toMatchObject({
      method: 'POST',
      url: `${BASE}/cgi-bin/message/custom/send?access_token=TOKEN`,
      json: { touser: 'o1', msgtype: 'msgmenu', msgmenu: { list: [{ id: '101', content: '满意' }] } },
    });
  });

  it.each([
    [45015, 'window-closed'],
    [45047, 'quota-used'],
    [40001, 'token-invalid'],
    [42001, 'token-invalid'],
    [48001, 'configuration'],
    [40007, 'bad-media'],
    [-1, 'retryable'],
    [99999, 'unknown'],
  ])('maps errcode %d to %s', async (errcode, category) => {
    const transport = new FakeTransport().reply(json({ errcode, errmsg: 'platform says no' }));
    const error = await failure(
      client(transport).sendCustomMessage('T', { touser: 'o1', msgtype: 'image', image: { media_id: 'm' } }),
    );
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode, errmsg: 'platform says no', category });
  });

  it('sends the typing indicator', async () => {
    const transport = new FakeTransport().reply(json({ errcode: 0 }));
    await client(transport).sendTyping('T', 'o1', 'Typing');
    expect(transport.requests[0]).toMatchObject({
      url: `${BASE}/cgi-bin/message/custom/typing?access_token=T`,
      json: { touser: 'o1', command: 'Typing' },
    });
  });
});

describe('OaApiClient: media', () => {
  it('uploads as multipart field "media"', async () => {
    const transport = new FakeTransport().reply(
      json({ type: 'image', media_id: 'MEDIA_1', created_at: 1714037059 }),
    );
    const data = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    await expect(
      client(transport).uploadMedia('T', 'image', { filename: 'a.jpg', contentType: 'image/jpeg', data }),
    ).resolves.toEqual({ mediaId: 'MEDIA_1', createdAt: 1714037059 });
    expect(transport.requests[0]).toMatchObject({
      url: `${BASE}/cgi-bin/media/upload?access_token=T&type=image`,
      multipart: { field: 'media', filename: 'a.jpg', contentType: 'image/jpeg', data },
    });
  });

  it('reads thumb_media_id for thumb uploads', async () => {
    const transport = new FakeTransport().reply(
      json({ type: 'thumb', thumb_media_id: 'THUMB', created_at: 1 }),
    );
    await expect(
      client(transport).uploadMedia('T', 'thumb', {
        filename: 't.jpg',
        contentType: 'image/jpeg',
        data: Buffer.alloc(9),
      }),
    ).resolves.toEqual({ mediaId: 'THUMB', createdAt: 1 });
  });

  it('downloads a file with its type and name', async () => {
    const data = Buffer.from('#!AMR\n....');
    const transport = new FakeTransport().reply(
      binary(data, {
        'content-type': 'audio/amr',
        'content-disposition': 'attachment; filename="voice.amr"',
      }),
    );
    await expect(client(transport).getMedia('T', 'M')).resolves.toEqual({
      contentType: 'audio/amr',
      filename: 'voice.amr',
      data,
    });
  });

  it('returns the video URL, and turns a JSON error into WechatApiError', async () => {
    const transport = new FakeTransport().reply(
      json({ video_url: 'http://example.test/v.mp4' }),
      json({ errcode: 40007, errmsg: 'invalid media_id' }),
    );
    await expect(client(transport).getMedia('T', 'V')).resolves.toEqual({
      videoUrl: 'http://example.test/v.mp4',
    });
    expect(await failure(client(transport).getMedia('T', 'X'))).toMatchObject({
      errcode: 40007,
      category: 'bad-media',
    });
  });
});

describe('OaApiClient: users, menus, QR codes, IPs', () => {
  it('reads user info, tolerating the fields WeChat no longer fills', async () => {
    const transport = new FakeTransport().reply(
      json({
        subscribe: 1,
        openid: 'o1',
        language: 'zh_CN',
        subscribe_time: 1382694957,
        unionid: 'u1',
        remark: '',
        groupid: 0,
        tagid_list: [128, 2],
        subscribe_scene: 'ADD_SCENE_QR_CODE',
        qr_scene: 98765,
        qr_scene_str: '',
        nickname: '',
        headimgurl: '',
      }),
    );
    const info = await client(transport).getUserInfo('T', 'o1');
    expect(transport.lastUrl().searchParams.get('lang')).toBe('zh_CN');
    expect(info).toEqual({
      openId: 'o1',
      subscribed: true,
      language: 'zh_CN',
      subscribeTime: 1382694957,
      unionId: 'u1',
      groupId: 0,
      tagIds: [128, 2],
      subscribeScene: 'ADD_SCENE_QR_CODE',
      qrScene: 98765,
      raw: expect.any(Object),
    });
  });

  it('batch-gets users', async () => {
    const transport = new FakeTransport().reply(json({ user_info_list: [{ subscribe: 0, openid: 'o2' }] }));
    await expect(client(transport).batchGetUserInfo('T', ['o2'], 'en')).resolves.toEqual([
      { openId: 'o2', subscribed: false, tagIds: [], raw: { subscribe: 0, openid: 'o2' } },
    ]);
    expect(transport.requests[0].json).toEqual({ user_list: [{ openid: 'o2', lang: 'en' }] });
  });

  it('creates, reads and deletes the menu', async () => {
    const transport = new FakeTransport().reply(
      json({ errcode: 0 }),
      json({ menu: { button: [] } }),
      json({ errcode: 0 }),
    );
    const api = client(transport);
    await api.createMenu('T', { button: [{ type: 'click', name: '人工客服', key: 'TALK_TO_AGENT' }] });
    await expect(api.getMenu('T')).resolves.toEqual({ menu: { button: [] } });
    await api.deleteMenu('T');
    expect(transport.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /cgi-bin/menu/create',
      'GET /cgi-bin/menu/get',
      'GET /cgi-bin/menu/delete',
    ]);
  });

  it('creates temporary and permanent QR codes', async () => {
    const transport = new FakeTransport().reply(
      json({
        ticket: 'gQH47joAAAAAAAAAASxodHRw',
        expire_seconds: 60,
        url: 'http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI',
      }),
      json({ ticket: 'T+2/=', url: 'http://weixin.qq.com/q/x' }),
    );
    const api = client(transport);
    await expect(
      api.createQrCode('T', { kind: 'temporary', sceneStr: 'campaign-42', expireSeconds: 60 }),
    ).resolves.toEqual({
      ticket: 'gQH47joAAAAAAAAAASxodHRw',
      expireSeconds: 60,
      url: 'http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI',
      imageUrl: 'https://mp.example.test/cgi-bin/showqrcode?ticket=gQH47joAAAAAAAAAASxodHRw',
    });
    expect(transport.requests[0].json).toEqual({
      expire_seconds: 60,
      action_name: 'QR_STR_SCENE',
      action_info: { scene: { scene_str: 'campaign-42' } },
    });
    const permanent = await api.createQrCode('T', { kind: 'permanent', sceneId: 7 });
    expect(permanent.imageUrl).toBe('https://mp.example.test/cgi-bin/showqrcode?ticket=T%2B2%2F%3D');
    expect(transport.requests[1].json).toEqual({
      action_name: 'QR_LIMIT_SCENE',
      action_info: { scene: { scene_id: 7 } },
    });
  });

  it('lists IPs and refuses a list that is not strings', async () => {
    const transport = new FakeTransport().reply(
      json({ ip_list: ['101.226.62.77', '101.226.62.78'] }),
      json({ ip_list: [1] }),
    );
    await expect(client(transport).getCallbackIp('T')).resolves.toEqual(['101.226.62.77', '101.226.62.78']);
    expect(await failure(client(transport).getApiDomainIp('T'))).toBeInstanceOf(WechatTransportError);
  });

  it('lists customer-service accounts, and reports 48001 (no customer-service permission) as configuration', async () => {
    const transport = new FakeTransport().reply(
      json({ kf_list: [{ kf_account: 'desk@gh_test', kf_nick: '客服', kf_id: '1001' }] }),
      json({ errcode: 48001, errmsg: 'api unauthorized rid: x' }),
    );
    await expect(client(transport).getKfList('T')).resolves.toEqual([
      { account: 'desk@gh_test', nickname: '客服' },
    ]);
    expect(transport.lastUrl().pathname).toBe('/cgi-bin/customservice/getkflist');
    const error = await failure(client(transport).getKfList('T'));
    expect(error).toMatchObject({ errcode: 48001, category: 'configuration' });
  });
});
