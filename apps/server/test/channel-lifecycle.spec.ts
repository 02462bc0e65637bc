import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelView, ConversationView, MessageView } from '#contracts';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { startChannelBench, type ChannelBench } from './support/channel-bench.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  Buffer.alloc(200, 1),
  Buffer.from([0xff, 0xd9]),
]);
const MB = 1024 * 1024;
const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Deactivate, reactivate, delete (CH2); icons (CH4); who may do what (NF5); changes across processes. */
describe('channel lifecycle, icons and roles', () => {
  let bench: ChannelBench;
  const admin = () => ({ token: bench.adminToken });
  const conversationsOf = async (token: string, channelId: string) =>
    (
      await bench.server.request<ConversationView[]>(
        'GET',
        `/api/conversations?status=open&channelId=${channelId}`,
        { token },
      )
    ).body;

  beforeAll(async () => {
    bench = await startChannelBench();
  }, 60_000);
  afterAll(() => bench?.stop());

  async function connectedChannel() {
    const { channel, secrets } = await bench.createChannel();
    await bench.configureWechat(channel, secrets);
    const agent = await bench.user('agent');
    await bench.server.request('PUT', `/api/channels/${channel.id}/agents`, {
      ...admin(),
      body: { agentIds: [agent.id] },
    });
    const openid = await bench.newCustomer(channel);
    expect((await bench.push(channel, openid, { type: 'text', content: '你好' })).delivered).toBe(true);
    const [conversation] = await conversationsOf(agent.token, channel.id);
    return { channel, secrets, agent, openid, conversation };
  }

  it('deactivates: WeChat’s pushes are refused and nothing is stored, replies are refused, conversations stay', async () => {
    const { channel, agent, openid, conversation } = await connectedChannel();
    const deactivated = await bench.server.request<ChannelView>(
      'POST',
      `/api/channels/${channel.id}/deactivate`,
      admin(),
    );
    expect(deactivated.body.status).toBe('inactive');
    expect((await bench.server.request<ChannelView[]>('GET', '/api/channels', admin())).body).toContainEqual(
      expect.objectContaining({ id: channel.id, status: 'inactive' }),
    );

    // WeChat gets an error, tries 3 times, and tells the customer the account cannot serve them now.
    const refused = await bench.push(channel, openid, { type: 'text', content: 'anyone there?' });
    expect(refused).toMatchObject({ delivered: false, attempts: 3 });
    expect(refused.responses[0].status).toBe(409);
    expect(JSON.parse(refused.responses[0].body)).toMatchObject({ code: 'channel_inactive' });
    expect((await bench.customerInbox(channel, openid)).at(-1)).toMatchObject({
      via: 'system',
      content: SERVICE_UNAVAILABLE,
    });

    const [still] = await conversationsOf(agent.token, channel.id);
    expect(still).toMatchObject({
      id: conversation.id,
      channelState: 'inactive',
      lastMessagePreview: '你好',
    });
    const reply = await bench.server.request<{ code: string }>(
      'POST',
      `/api/conversations/${conversation.id}/messages`,
      {
        token: agent.token,
        body: { type: 'text', text: 'hello' },
      },
    );
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('channel_inactive');

    const reactivated = await bench.server.request<ChannelView>(
      'POST',
      `/api/channels/${channel.id}/reactivate`,
      admin(),
    );
    expect(reactivated.body.status).toBe('active');
    expect((await bench.push(channel, openid, { type: 'text', content: 'back again' })).delivered).toBe(true);
    const messages = await bench.server.request<MessageView[]>(
      'GET',
      `/api/conversations/${conversation.id}/messages`,
      {
        token: agent.token,
      },
    );
    expect(messages.body.map((m) => m.text)).toEqual(['你好', 'back again']);
  });

  it('deletes: the channel leaves the lists and WeChat’s pushes get 404; its conversations stay, read-only', async () => {
    const { channel, agent, openid, conversation } = await connectedChannel();
    const icon = await uploadIcon(channel.id, PNG, 'logo.png');
    expect(icon.status).toBe(200);

    expect((await bench.server.request('DELETE', `/api/channels/${channel.id}`, admin())).status).toBe(204);
    const listed = (await bench.server.request<ChannelView[]>('GET', '/api/channels', admin())).body;
    expect(listed.map((c) => c.id)).not.toContain(channel.id);
    for (const [method, path] of [
      ['GET', `/api/channels/${channel.id}`],
      ['PATCH', `/api/channels/${channel.id}`],
      ['POST', `/api/channels/${channel.id}/reactivate`],
      ['DELETE', `/api/channels/${channel.id}`],
      ['PUT', `/api/channels/${channel.id}/follow-reply`],
    ] as const) {
      const body = method === 'PUT' ? { enabled: false, text: '' } : method === 'PATCH' ? {} : undefined;
      expect({
        method,
        path,
        status: (await bench.server.request(method, path, { ...admin(), body })).status,
      }).toEqual({
        method,
        path,
        status: 404,
      });
    }

    const pushed = await bench.push(channel, openid, { type: 'text', content: 'hello?' });
    expect(pushed.delivered).toBe(false);
    expect(pushed.responses[0].status).toBe(404);
    const verify = await bench.simApi('POST', `/sim/oa/accounts/${channel.config.appId}/verify-url`);
    expect(verify.body).toMatchObject({ ok: false, status: 404 });

    // The conversation is still there under the channel's name, marked deleted, and cannot be answered.
    const [kept] = await conversationsOf(agent.token, channel.id);
    expect(kept).toMatchObject({ id: conversation.id, channelName: channel.name, channelState: 'deleted' });
    const history = await bench.server.request<MessageView[]>(
      'GET',
      `/api/conversations/${conversation.id}/messages`,
      {
        token: agent.token,
      },
    );
    expect(history.body.map((m) => m.text)).toEqual(['你好']);
    const reply = await bench.server.request('POST', `/api/conversations/${conversation.id}/messages`, {
      token: agent.token,
      body: { type: 'text', text: 'still here' },
    });
    expect(reply.status).toBe(409);
    // Its icon is still shown next to those conversations.
    expect((await getIcon(channel.id, agent.token)).status).toBe(200);

    // The AppID is free again for a new channel.
    const again = await bench.createChannel({ config: { appId: channel.config.appId } });
    expect(again.channel.config.appId).toBe(channel.config.appId);
  });

  async function uploadIcon(
    channelId: string,
    data: Buffer,
    filename: string,
    field = 'icon',
    token = bench.adminToken,
  ) {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(data)], { type: 'application/octet-stream' }), filename);
    const response = await fetch(`${bench.server.url}/api/channels/${channelId}/icon`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return {
      status: response.status,
      body: (await response.json()) as ChannelView & { code: string; message: string },
    };
  }

  async function getIcon(channelId: string, token: string) {
    const response = await fetch(`${bench.server.url}/api/channels/${channelId}/icon`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      data: Buffer.from(await response.arrayBuffer()),
    };
  }

  it('takes a JPG or PNG icon by its content, up to 1 MB, and refuses anything else clearly', async () => {
    const { channel } = await bench.createChannel();
    const png = await uploadIcon(channel.id, PNG, 'logo.png');
    expect(png.status).toBe(200);
    expect(png.body.iconUrl).toMatch(new RegExp(`^/api/channels/${channel.id}/icon\\?v=[0-9a-f]{16}$`));
    const served = await getIcon(channel.id, bench.adminToken);
    expect(served).toMatchObject({ status: 200, type: 'image/png' });
    expect(served.data.equals(PNG)).toBe(true);

    // A PNG called .gif is a PNG; a JPEG without an extension is a JPEG.
    const renamedPng = await uploadIcon(channel.id, PNG, 'logo.gif');
    expect(renamedPng.status).toBe(200);
    const jpeg = await uploadIcon(channel.id, JPEG, 'photo');
    expect(jpeg.status).toBe(200);
    expect(jpeg.body.iconUrl).not.toBe(png.body.iconUrl);
    expect((await getIcon(channel.id, bench.adminToken)).type).toBe('image/jpeg');

    const refusals: Array<[Buffer, string, string, number, string]> = [
      [
        GIF,
        'logo.png',
        'icon',
        415,
        'The icon must be a JPG or PNG image; “logo.png” is a GIF file (checked by its content, not its name)',
      ],
      [
        Buffer.from('just text'),
        'logo.jpg',
        'icon',
        415,
        'The icon must be a JPG or PNG image; “logo.jpg” is not an image we recognise (checked by its content, not its name)',
      ],
      [
        Buffer.concat([PNG, Buffer.alloc(MB - PNG.length + 1)]),
        'big.png',
        'icon',
        413,
        'The icon is too large: at most 1 MB is allowed',
      ],
      [Buffer.alloc(0), 'empty.png', 'icon', 400, 'The icon file is empty'],
      [PNG, 'logo.png', 'picture', 400, 'No file: send it in the form field "icon"'],
    ];
    for (const [data, filename, field, status, message] of refusals) {
      const refused = await uploadIcon(channel.id, data, filename, field);
      expect({ filename, status: refused.status, message: refused.body.message }).toEqual({
        filename,
        status,
        message,
      });
    }
    const json = await bench.server.request<{ message: string }>('PUT', `/api/channels/${channel.id}/icon`, {
      ...admin(),
      body: { icon: PNG.toString('base64') },
    });
    expect(json.status).toBe(415);
    expect(json.body.message).toBe('Send the file as multipart/form-data, in the field "icon"');
    // None of the refused files replaced the icon.
    expect((await getIcon(channel.id, bench.adminToken)).data.equals(JPEG)).toBe(true);

    // Exactly 1 MB is allowed (the multipart body is larger than the JSON body limit, and that is fine).
    const oneMb = await uploadIcon(
      channel.id,
      Buffer.concat([PNG, Buffer.alloc(MB - PNG.length)]),
      'max.png',
    );
    expect(oneMb.status).toBe(200);

    const removed = await bench.server.request<ChannelView>(
      'DELETE',
      `/api/channels/${channel.id}/icon`,
      admin(),
    );
    expect(removed.body.iconUrl).toBeNull();
    expect((await getIcon(channel.id, bench.adminToken)).status).toBe(404);
  });

  it('serves an icon only to users who may see the channel', async () => {
    const { channel } = await bench.createChannel();
    await uploadIcon(channel.id, PNG, 'logo.png');
    const associated = await bench.user('agent');
    const stranger = await bench.user('agent');
    await bench.server.request('PUT', `/api/channels/${channel.id}/agents`, {
      ...admin(),
      body: { agentIds: [associated.id] },
    });
    expect((await getIcon(channel.id, associated.token)).status).toBe(200);
    expect((await getIcon(channel.id, stranger.token)).status).toBe(404);
    expect((await fetch(`${bench.server.url}/api/channels/${channel.id}/icon`)).status).toBe(401);
  });

  it('lets only admins change channels: agents and supervisors get 403 on every admin route, and see no secrets', async () => {
    const { channel, secrets } = await bench.createChannel();
    const agent = await bench.user('agent');
    const supervisor = await bench.user('supervisor');
    await bench.server.request('PUT', `/api/channels/${channel.id}/agents`, {
      ...admin(),
      body: { agentIds: [agent.id] },
    });
    const id = channel.id;
    const routes: Array<[string, string, unknown?]> = [
      ['POST', '/api/channels', { kind: 'wechat-oa', name: 'x', config: {} }],
      ['GET', '/api/channels/wechat-oa/setup-info'],
      ['POST', '/api/channels/wechat-oa/generated-secrets'],
      ['PATCH', `/api/channels/${id}`, { name: 'hijacked' }],
      ['DELETE', `/api/channels/${id}`],
      ['POST', `/api/channels/${id}/deactivate`],
      ['POST', `/api/channels/${id}/reactivate`],
      ['PUT', `/api/channels/${id}/agents`, { agentIds: [] }],
      ['PUT', `/api/channels/${id}/follow-reply`, { enabled: true, text: 'x' }],
      ['PUT', `/api/channels/${id}/icon`],
      ['DELETE', `/api/channels/${id}/icon`],
      ['GET', `/api/channels/${id}/menu`],
      ['PUT', `/api/channels/${id}/menu`, { buttons: [] }],
      ['POST', `/api/channels/${id}/menu/publish`],
      ['GET', `/api/channels/${id}/menu/published`],
      ['DELETE', `/api/channels/${id}/menu`],
    ];
    for (const user of [agent, supervisor]) {
      for (const [method, path, body] of routes) {
        const response = await bench.server.request<{ code: string }>(method, path, {
          token: user.token,
          body,
        });
        expect({ role: user.role, method, path, status: response.status, code: response.body?.code }).toEqual(
          {
            role: user.role,
            method,
            path,
            status: 403,
            code: 'forbidden',
          },
        );
      }
    }
    const unchanged = await bench.server.request<ChannelView>('GET', `/api/channels/${id}`, admin());
    expect(unchanged.body).toMatchObject({ name: channel.name, status: 'active', agentIds: [agent.id] });

    // They see the channels in their scope, with secrets masked.
    for (const user of [agent, supervisor]) {
      const seen = await bench.server.request<ChannelView[]>('GET', '/api/channels', { token: user.token });
      expect(seen.body.map((c) => c.id)).toContain(id);
      const body = JSON.stringify(seen.body);
      for (const secret of Object.values(secrets)) expect(body).not.toContain(secret);
    }
    const outsider = await bench.user('agent', []);
    expect(
      (await bench.server.request<ChannelView[]>('GET', '/api/channels', { token: outsider.token })).body,
    ).toEqual([]);
    expect((await bench.server.request('GET', `/api/channels/${id}`, { token: outsider.token })).status).toBe(
      404,
    );
  });

  describe('with a second server process on the same database', () => {
    let second: TestServer;
    beforeAll(async () => {
      second = await startServer(
        { WECHAT_API_BASE: bench.sim.url, MASTER_KEY: bench.masterKey },
        { sharedDatabaseUrl: bench.server.databaseUrl },
      );
    }, 30_000);
    afterAll(() => second?.stop());

    it('applies a change made through one process to the other’s callbacks at once, not after its cache expires', async () => {
      const { channel, secrets } = await bench.createChannel();
      // WeChat calls the second process; the admin works on the first.
      const viaSecond = { ...channel, callbackUrl: `${second.url}/callbacks/wechat-oa/${channel.id}` };
      await bench.configureWechat(viaSecond, secrets);
      const openid = await bench.newCustomer(channel);
      expect(
        (await bench.push(channel, openid, { type: 'text', content: 'warms the cache' })).delivered,
      ).toBe(true);

      // The second process cached the channel a moment ago, for 5 s; the change must reach it well before.
      await bench.server.request('POST', `/api/channels/${channel.id}/deactivate`, admin());
      const refused = await eventually(
        () => bench.push(channel, openid, { type: 'text', content: 'after deactivation' }),
        (result) => !result.delivered,
        2_000,
      );
      expect(refused.delivered).toBe(false);

      await bench.server.request('POST', `/api/channels/${channel.id}/reactivate`, admin());
      await bench.server.request('PATCH', `/api/channels/${channel.id}`, {
        ...admin(),
        body: { config: { token: 'NewTokenFromProcessOne' } },
      });
      await bench.configureWechat(viaSecond, { token: 'NewTokenFromProcessOne' });
      const accepted = await eventually(
        () => bench.push(channel, openid, { type: 'text', content: 'new token' }),
        (result) => result.delivered,
        2_000,
      );
      expect(accepted.delivered).toBe(true);
    });
  });
});
