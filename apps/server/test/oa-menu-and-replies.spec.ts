import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ChannelMenuView,
  ChannelView,
  ConversationView,
  EncryptionMode,
  PublishedChannelMenu,
} from '#contracts';
import { startChannelBench, type ChannelBench } from './support/channel-bench.js';

/** The follow auto-reply, the custom menu and its "talk to an agent" item (OA9), against the simulated WeChat. */
describe('follow auto-reply and custom menu', () => {
  let bench: ChannelBench;
  const admin = () => ({ token: bench.adminToken });
  const openConversations = async (channelId: string) =>
    (
      await bench.server.request<ConversationView[]>(
        'GET',
        `/api/conversations?status=open&channelId=${channelId}`,
        admin(),
      )
    ).body;
  const simMenu = async (channel: ChannelView) =>
    (await bench.simApi('GET', `/sim/oa/accounts/${channel.config.appId}/menu`)).body as { menu: unknown };

  beforeAll(async () => {
    bench = await startChannelBench();
  }, 60_000);
  afterAll(() => bench?.stop());

  describe.each<EncryptionMode>(['plaintext', 'compatible', 'safe'])('in %s mode', (mode) => {
    it('greets a new follower with a passive reply, and opens no conversation for the follow', async () => {
      const { channel, secrets } = await bench.createChannel({ mode });
      await bench.configureWechat(channel, secrets);
      const text = '欢迎关注 Acme！回复任意消息联系客服。';
      const set = await bench.server.request<ChannelView>('PUT', `/api/channels/${channel.id}/follow-reply`, {
        ...admin(),
        body: { enabled: true, text },
      });
      expect(set.body.config.followReply).toEqual({ enabled: true, text });

      const openid = await bench.newCustomer(channel, false);
      const follow = await bench.push(channel, openid, { type: 'follow' });
      expect(follow).toMatchObject({ delivered: true, attempts: 1 });
      // The answer to the push itself is the reply: encrypted where the mode requires it, no API call made.
      const body = follow.responses[0].body;
      if (mode === 'plaintext') expect(body).toContain(text);
      else expect(body).toMatch(/^<xml><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><MsgSignature>/);
      expect(await bench.customerInbox(channel, openid)).toEqual([
        expect.objectContaining({ msgtype: 'text', content: text, via: 'passive-reply' }),
      ]);
      expect(bench.sim.calls.since(0, { path: '/cgi-bin/message/custom/send' })).toEqual([]);
      expect(await openConversations(channel.id)).toEqual([]);
    });
  });

  it('sends nothing when the follow reply is off, and checks the text', async () => {
    const { channel, secrets } = await bench.createChannel();
    await bench.configureWechat(channel, secrets);
    const path = `/api/channels/${channel.id}/follow-reply`;
    await bench.server.request('PUT', path, { ...admin(), body: { enabled: true, text: 'Welcome' } });
    const off = await bench.server.request<ChannelView>('PUT', path, {
      ...admin(),
      body: { enabled: false, text: 'Welcome' },
    });
    // The text is kept for when it is turned on again.
    expect(off.body.config.followReply).toEqual({ enabled: false, text: 'Welcome' });
    const openid = await bench.newCustomer(channel, false);
    const follow = await bench.push(channel, openid, { type: 'follow' });
    expect(follow.responses[0].body).toBe('success');
    expect(await bench.customerInbox(channel, openid)).toEqual([]);

    const bad: Array<[unknown, string]> = [
      [{ enabled: true, text: '   ' }, 'Write the text new followers receive, or turn the reply off'],
      [
        { enabled: true, text: '字'.repeat(683) },
        'The follow reply is 2049 bytes; WeChat accepts at most 2048 (about 680 Chinese characters)',
      ],
      [{ enabled: 'yes', text: 'x' }, 'enabled must be a boolean value'],
      [{ enabled: true }, 'text must be a string'],
    ];
    for (const [body, message] of bad) {
      const response = await bench.server.request<{ message: string }>('PUT', path, { ...admin(), body });
      expect({ status: response.status, message: response.body.message }).toEqual({
        status: 400,
        message: expect.stringContaining(message),
      });
    }
    expect(
      (await bench.server.request<ChannelView>('GET', `/api/channels/${channel.id}`, admin())).body.config
        .followReply,
    ).toEqual({
      enabled: false,
      text: 'Welcome',
    });
  });

  it('saves a menu, publishes it with menu/create, reads it back with menu/get, and deletes it', async () => {
    const { channel, secrets } = await bench.createChannel();
    await bench.configureWechat(channel, secrets);
    const path = `/api/channels/${channel.id}/menu`;
    const empty = await bench.server.request<ChannelMenuView>('GET', path, admin());
    expect(empty.body).toEqual({
      buttons: [],
      talkToAgentKey: 'TALK_TO_AGENT',
      updatedAt: null,
      publishedAt: null,
      upToDate: false,
    });

    const invalid = await bench.server.request<{ message: string; details: string[] }>('PUT', path, {
      ...admin(),
      body: {
        buttons: [
          { type: 'talk-to-agent', name: '联系我们的人工客服' },
          { type: 'view', name: 'Site', url: 'ftp://x' },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details).toEqual([
      'Button 1: the name "联系我们的人工客服" is 27 bytes; WeChat allows at most 16 (5 Chinese characters or 16 letters)',
      'Button 2: the URL must start with http:// or https://',
    ]);
    expect((await bench.server.request<ChannelMenuView>('GET', path, admin())).body.updatedAt).toBeNull();

    const buttons = [
      { type: 'talk-to-agent', name: '人工客服' },
      {
        type: 'submenu',
        name: '更多',
        items: [
          { type: 'view', name: '官网', url: 'https://example.com/' },
          { type: 'click', name: '今日优惠', key: 'OFFERS' },
        ],
      },
    ];
    const saved = await bench.server.request<ChannelMenuView>('PUT', path, { ...admin(), body: { buttons } });
    expect(saved.body).toMatchObject({ buttons, publishedAt: null, upToDate: false });
    expect(await simMenu(channel)).toEqual({ menu: null });

    const published = await bench.server.request<ChannelMenuView>('POST', `${path}/publish`, admin());
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ upToDate: true, publishedAt: expect.any(String) });
    // What WeChat now has, as the simulator stored it from menu/create.
    expect(await simMenu(channel)).toEqual({
      menu: {
        button: [
          { type: 'click', name: '人工客服', key: 'TALK_TO_AGENT' },
          {
            name: '更多',
            sub_button: [
              { type: 'view', name: '官网', url: 'https://example.com/' },
              { type: 'click', name: '今日优惠', key: 'OFFERS' },
            ],
          },
        ],
      },
    });
    const readBack = await bench.server.request<PublishedChannelMenu>('GET', `${path}/published`, admin());
    expect(readBack.body).toEqual({
      published: true,
      matchesSaved: true,
      buttons: [
        { name: '人工客服', type: 'click', key: 'TALK_TO_AGENT', talkToAgent: true },
        {
          name: '更多',
          type: null,
          talkToAgent: false,
          items: [
            { name: '官网', type: 'view', url: 'https://example.com/', talkToAgent: false },
            { name: '今日优惠', type: 'click', key: 'OFFERS', talkToAgent: false },
          ],
        },
      ],
    });

    // An edit that is saved but not published: WeChat still shows the old menu.
    const edited = await bench.server.request<ChannelMenuView>('PUT', path, {
      ...admin(),
      body: { buttons: [{ type: 'talk-to-agent', name: 'Talk to us' }] },
    });
    expect(edited.body.upToDate).toBe(false);
    expect(
      (await bench.server.request<PublishedChannelMenu>('GET', `${path}/published`, admin())).body
        .matchesSaved,
    ).toBe(false);

    const deleted = await bench.server.request<ChannelMenuView>('DELETE', path, admin());
    expect(deleted.body).toMatchObject({
      publishedAt: null,
      upToDate: false,
      buttons: [{ type: 'talk-to-agent', name: 'Talk to us' }],
    });
    expect(await simMenu(channel)).toEqual({ menu: null });
    expect(
      (await bench.server.request<PublishedChannelMenu>('GET', `${path}/published`, admin())).body,
    ).toEqual({
      published: false,
      buttons: [],
      matchesSaved: false,
    });
  });

  it('explains WeChat’s refusal to publish and marks the channel unhealthy with the reason', async () => {
    const { channel, secrets } = await bench.createChannel();
    await bench.configureWechat(channel, secrets);
    await bench.simApi('POST', `/sim/oa/accounts/${channel.config.appId}/ip-whitelist`, {
      enabled: true,
      ips: ['203.0.113.7'],
    });
    const path = `/api/channels/${channel.id}/menu`;
    expect((await bench.server.request('POST', `${path}/publish`, admin())).status).toBe(400);
    await bench.server.request('PUT', path, {
      ...admin(),
      body: { buttons: [{ type: 'talk-to-agent', name: 'Agent' }] },
    });
    const refused = await bench.server.request<{ code: string; message: string }>(
      'POST',
      `${path}/publish`,
      admin(),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('platform_refused');
    expect(refused.body.message).toBe(
      "WeChat refused to publish the menu: This server's IP address is not on the account's IP whitelist; add it in the WeChat admin console. WeChat saw the call come from 127.0.0.1. (WeChat error 40164)",
    );
    const after = await bench.server.request<ChannelView & { config: unknown }>(
      'GET',
      `/api/channels/${channel.id}`,
      admin(),
    );
    expect(after.body).toMatchObject({
      health: 'unhealthy',
      healthReason: expect.stringContaining('IP whitelist'),
    });
    expect((await bench.server.request<ChannelMenuView>('GET', path, admin())).body.publishedAt).toBeNull();
    expect(await simMenu(channel)).toEqual({ menu: null });
  });

  it('opens a conversation when a customer taps “talk to an agent”, and not for other menu events', async () => {
    const { channel, secrets } = await bench.createChannel();
    await bench.configureWechat(channel, secrets);
    const openid = await bench.newCustomer(channel);

    expect((await bench.push(channel, openid, { type: 'click', eventKey: 'OFFERS' })).delivered).toBe(true);
    expect(
      (await bench.push(channel, openid, { type: 'view', eventKey: 'https://example.com/' })).delivered,
    ).toBe(true);
    expect(await openConversations(channel.id)).toEqual([]);

    const asked = await bench.push(channel, openid, { type: 'click', eventKey: 'TALK_TO_AGENT' });
    expect(asked.delivered).toBe(true);
    const [conversation] = await openConversations(channel.id);
    expect(conversation).toMatchObject({
      status: 'waiting',
      departmentId: bench.department.id,
      channelId: channel.id,
    });
    // Tapping again while the conversation is open adds to it.
    expect((await bench.push(channel, openid, { type: 'click', eventKey: 'TALK_TO_AGENT' })).delivered).toBe(
      true,
    );
    expect((await openConversations(channel.id)).map((c) => c.id)).toEqual([conversation.id]);

    // The key is the channel's own; an admin can choose another one.
    await bench.server.request('PATCH', `/api/channels/${channel.id}`, {
      ...admin(),
      body: { config: { talkToAgentKey: 'HUMAN' } },
    });
    const other = await bench.newCustomer(channel);
    await bench.push(channel, other, { type: 'click', eventKey: 'TALK_TO_AGENT' });
    expect(await openConversations(channel.id)).toHaveLength(1);
    await bench.push(channel, other, { type: 'click', eventKey: 'HUMAN' });
    expect(await openConversations(channel.id)).toHaveLength(2);
  });
});
