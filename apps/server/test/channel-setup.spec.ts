import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelSetupInfo, ChannelView, GeneratedCallbackSecrets } from '#contracts';
import { oaSignature } from '#wechat';
import pg from 'pg';
import { startChannelBench, type ChannelBench } from './support/channel-bench.js';

/** Setting up an Official Account channel through the API (OA1, CH1, CH3): fields, secrets, rotation. */
describe('channel setup', () => {
  let bench: ChannelBench;
  const admin = () => ({ token: bench.adminToken });

  beforeAll(async () => {
    bench = await startChannelBench({ EGRESS_IPS: '203.0.113.7, 203.0.113.8' });
  }, 60_000);
  afterAll(() => bench?.stop());

  const validConfig = (overrides: Record<string, unknown> = {}) => ({
    appId: 'wx00000000000000aa',
    appSecret: '0123456789abcdef0123456789abcdef',
    token: 'tokentoken42',
    originalId: 'gh_0123456789ab',
    encryptionMode: 'plaintext',
    ...overrides,
  });
  const listChannels = async () =>
    (await bench.server.request<ChannelView[]>('GET', '/api/channels', admin())).body;

  it('generates a valid Token and EncodingAESKey, fresh each time', async () => {
    const first = await bench.server.request<GeneratedCallbackSecrets>(
      'POST',
      '/api/channels/wechat-oa/generated-secrets',
      admin(),
    );
    const second = await bench.server.request<GeneratedCallbackSecrets>(
      'POST',
      '/api/channels/wechat-oa/generated-secrets',
      admin(),
    );
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(first.body.encodingAesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    // A valid key decodes to the 32-byte AES key (spec §2.2).
    expect(Buffer.from(`${first.body.encodingAesKey}=`, 'base64')).toHaveLength(32);
    expect(second.body.token).not.toBe(first.body.token);
    expect(second.body.encodingAesKey).not.toBe(first.body.encodingAesKey);
  });

  it('shows the egress IPs to whitelist and warns that WeChat cannot reach a localhost callback URL', async () => {
    const info = await bench.server.request<ChannelSetupInfo>(
      'GET',
      '/api/channels/wechat-oa/setup-info',
      admin(),
    );
    expect(info.status).toBe(200);
    expect(info.body.egressIps).toEqual(['203.0.113.7', '203.0.113.8']);
    expect(info.body.callbackUrlWarnings).toEqual([
      expect.stringContaining('is not reachable from the internet'),
      expect.stringContaining('WeChat only calls URLs on port 80 (http) or 443 (https)'),
    ]);
  });

  it('creates a channel with every OA1 field and setting; secrets never come back, nor sit in the database', async () => {
    const secrets = (
      await bench.server.request<GeneratedCallbackSecrets>(
        'POST',
        '/api/channels/wechat-oa/generated-secrets',
        admin(),
      )
    ).body;
    const appSecret = 'fedcba9876543210fedcba9876543210';
    const created = await bench.server.request<ChannelView>('POST', '/api/channels', {
      ...admin(),
      body: {
        kind: 'wechat-oa',
        name: '  Acme 咖啡  ',
        departmentId: bench.department.id,
        config: {
          appId: 'wx1111111111111111',
          appSecret,
          token: secrets.token,
          encodingAesKey: secrets.encodingAesKey,
          originalId: 'gh_111111111111',
          encryptionMode: 'safe',
          messagesPerCustomerMessage: 20,
          tokenMode: 'stable',
          outsideMainlandChina: true,
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'wechat-oa',
      name: 'Acme 咖啡',
      departmentId: bench.department.id,
      status: 'active',
      health: 'unknown',
      deletedAt: null,
      fullyConfigured: true,
      problems: [],
      iconUrl: null,
      callbackUrl: `${bench.server.url.replace('127.0.0.1', 'localhost')}/callbacks/wechat-oa/${created.body.id}`,
      config: {
        appId: 'wx1111111111111111',
        originalId: 'gh_111111111111',
        encryptionMode: 'safe',
        messagesPerCustomerMessage: 20,
        tokenMode: 'stable',
        outsideMainlandChina: true,
        followReply: { enabled: false, text: '' },
        talkToAgentKey: 'TALK_TO_AGENT',
        appSecret: `••••${appSecret.slice(-4)}`,
        token: `••••${secrets.token.slice(-4)}`,
        encodingAesKey: `••••${secrets.encodingAesKey.slice(-4)}`,
      },
    });

    const got = await bench.server.request<ChannelView>('GET', `/api/channels/${created.body.id}`, admin());
    const patched = await bench.server.request<ChannelView>('PATCH', `/api/channels/${created.body.id}`, {
      ...admin(),
      body: { name: 'Acme Coffee' },
    });
    const everything = JSON.stringify([created.body, got.body, patched.body, await listChannels()]);
    for (const secret of [appSecret, secrets.token, secrets.encodingAesKey]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(0, 8));
    }

    const db = new pg.Client({ connectionString: bench.server.databaseUrl });
    await db.connect();
    const { rows } = await db.query(`SELECT to_jsonb(o)::text AS row FROM wechat_oa_channel_configs o`);
    await db.end();
    for (const { row } of rows as Array<{ row: string }>) {
      for (const secret of [appSecret, secrets.token, secrets.encodingAesKey])
        expect(row).not.toContain(secret);
    }
  });

  it('refuses every bad field with a message that names it, and creates nothing', async () => {
    const before = await listChannels();
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'appId',
        { config: validConfig({ appId: 'app-1' }) },
        'appId must look like wx followed by 16 letters or digits',
      ],
      [
        'appSecret',
        { config: validConfig({ appSecret: 'short' }) },
        'appSecret must be the 32-character AppSecret',
      ],
      [
        'token too short',
        { config: validConfig({ token: 'ab' }) },
        'token must be 3 to 32 letters or digits',
      ],
      [
        'token too long',
        { config: validConfig({ token: 'a'.repeat(33) }) },
        'token must be 3 to 32 letters or digits',
      ],
      [
        'token symbols',
        { config: validConfig({ token: 'abc-def' }) },
        'token must be 3 to 32 letters or digits',
      ],
      [
        'encodingAesKey',
        { config: validConfig({ encodingAesKey: 'a'.repeat(42) }) },
        'encodingAesKey must be exactly 43 letters or digits',
      ],
      [
        'originalId',
        { config: validConfig({ originalId: 'acme' }) },
        'originalId must look like gh_ followed by letters or digits',
      ],
      [
        'encryptionMode',
        { config: validConfig({ encryptionMode: 'aes' }) },
        'encryptionMode must be one of the following values: plaintext, compatible, safe',
      ],
      [
        'safe without a key',
        { config: validConfig({ encryptionMode: 'safe' }) },
        'The safe encryption mode needs the EncodingAESKey',
      ],
      [
        'compatible without a key',
        { config: validConfig({ encryptionMode: 'compatible' }) },
        'The compatible encryption mode needs the EncodingAESKey',
      ],
      [
        'budget 0',
        { config: validConfig({ messagesPerCustomerMessage: 0 }) },
        'messagesPerCustomerMessage must be a whole number from 1 to 20',
      ],
      [
        'budget 21',
        { config: validConfig({ messagesPerCustomerMessage: 21 }) },
        'messagesPerCustomerMessage must be a whole number from 1 to 20',
      ],
      [
        'budget 2.5',
        { config: validConfig({ messagesPerCustomerMessage: 2.5 }) },
        'messagesPerCustomerMessage must be a whole number from 1 to 20',
      ],
      [
        'tokenMode',
        { config: validConfig({ tokenMode: 'forever' }) },
        'tokenMode must be one of the following values: token, stable',
      ],
      [
        'outsideMainlandChina',
        { config: validConfig({ outsideMainlandChina: 'yes' }) },
        'outsideMainlandChina must be a boolean value',
      ],
      [
        'unknown config field',
        { config: validConfig({ webhook: 'x' }) },
        'property webhook should not exist',
      ],
      ['missing config', {}, 'config'],
      [
        'empty name',
        { name: '', config: validConfig() },
        'name must be longer than or equal to 1 characters',
      ],
      ['blank name', { name: '   ', config: validConfig() }, 'name must not be blank'],
      [
        'long name',
        { name: 'x'.repeat(61), config: validConfig() },
        'name must be shorter than or equal to 60 characters',
      ],
      ['department id', { departmentId: 'sales', config: validConfig() }, 'departmentId must be a UUID'],
      [
        'unknown department',
        { departmentId: '00000000-0000-4000-8000-000000000000', config: validConfig() },
        'The department does not exist',
      ],
      [
        'kind',
        { kind: 'telegram', config: validConfig() },
        'kind must be one of the following values: wechat-oa',
      ],
    ];
    for (const [what, body, message] of cases) {
      const response = await bench.server.request<{ code: string; message: string }>(
        'POST',
        '/api/channels',
        {
          ...admin(),
          body: { kind: 'wechat-oa', name: 'Bad', ...body },
        },
      );
      expect({ what, status: response.status, code: response.body.code }).toEqual({
        what,
        status: 400,
        code: 'validation_failed',
      });
      expect(response.body.message).toContain(message);
    }
    const first = await bench.createChannel({ config: { appId: 'wx2222222222222222' } });
    const duplicate = await bench.server.request<{ code: string; message: string }>('POST', '/api/channels', {
      ...admin(),
      body: { kind: 'wechat-oa', name: 'Twice', config: validConfig({ appId: first.channel.config.appId }) },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe(
      'Another channel already uses the AppID wx2222222222222222: one Official Account is one channel',
    );
    expect((await listChannels()).map((c) => c.id)).toEqual([...before.map((c) => c.id), first.channel.id]);
  });

  it('edits with PATCH semantics: only what is sent changes, and a bad field changes nothing', async () => {
    const { channel } = await bench.createChannel({ mode: 'safe' });
    const path = `/api/channels/${channel.id}`;
    const edited = await bench.server.request<ChannelView>('PATCH', path, {
      ...admin(),
      body: {
        name: 'Renamed',
        config: { messagesPerCustomerMessage: 3, outsideMainlandChina: true, originalId: 'gh_999999999999' },
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: 'Renamed',
      departmentId: channel.departmentId,
      config: {
        ...channel.config,
        messagesPerCustomerMessage: 3,
        outsideMainlandChina: true,
        originalId: 'gh_999999999999',
      },
    });

    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ config: { appId: 'wx3333333333333333' } }, 400, 'The AppID cannot change'],
      [{ config: { encodingAesKey: null } }, 400, 'The safe encryption mode needs the EncodingAESKey'],
      [
        { config: { encryptionMode: 'compatible', encodingAesKey: null } },
        400,
        'The compatible encryption mode needs the EncodingAESKey',
      ],
      [{ config: { token: 'x' } }, 400, 'token must be 3 to 32 letters or digits'],
      [{ config: { appSecret: '' } }, 400, 'appSecret must be the 32-character AppSecret'],
      [
        { config: { talkToAgentKey: 'talk to agent' } },
        400,
        'talkToAgentKey must be 1 to 64 letters, digits, _, - or :',
      ],
      [
        { config: { messagesPerCustomerMessage: 50 } },
        400,
        'messagesPerCustomerMessage must be a whole number from 1 to 20',
      ],
      [{ name: ' ' }, 400, 'name must not be blank'],
      [{ departmentId: '00000000-0000-4000-8000-000000000000' }, 400, 'The department does not exist'],
      [{ status: 'inactive' }, 400, 'property status should not exist'],
    ];
    for (const [body, status, message] of bad) {
      const response = await bench.server.request<{ message: string }>('PATCH', path, { ...admin(), body });
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(response.body.message).toContain(message);
    }
    expect((await bench.server.request<ChannelView>('GET', path, admin())).body).toEqual(edited.body);
    expect(
      (
        await bench.server.request('PATCH', '/api/channels/00000000-0000-4000-8000-000000000000', {
          ...admin(),
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it('says a channel without a department is not fully configured, until one is chosen', async () => {
    const { channel } = await bench.createChannel({ departmentId: null });
    expect(channel).toMatchObject({
      fullyConfigured: false,
      problems: ['Choose a department: chats on this channel have nowhere to go'],
    });
    const fixed = await bench.server.request<ChannelView>('PATCH', `/api/channels/${channel.id}`, {
      ...admin(),
      body: { departmentId: bench.department.id },
    });
    expect(fixed.body).toMatchObject({
      fullyConfigured: true,
      problems: [],
      departmentId: bench.department.id,
    });
    const cleared = await bench.server.request<ChannelView>('PATCH', `/api/channels/${channel.id}`, {
      ...admin(),
      body: { departmentId: null },
    });
    expect(cleared.body).toMatchObject({ fullyConfigured: false, departmentId: null });
  });

  it('rotates the Token: the callback path uses the new one at once and refuses the old one', async () => {
    const { channel, secrets } = await bench.createChannel();
    await bench.configureWechat(channel, secrets);
    const openid = await bench.newCustomer(channel);
    expect((await bench.push(channel, openid, { type: 'text', content: 'before' })).delivered).toBe(true);

    const newToken = 'RotatedToken2026';
    const rotated = await bench.server.request<ChannelView>('PATCH', `/api/channels/${channel.id}`, {
      ...admin(),
      body: { config: { token: newToken } },
    });
    expect(rotated.body.config.token).toBe('••••2026');
    // The other secrets were not sent, so they are unchanged.
    expect(rotated.body.config.appSecret).toBe(channel.config.appSecret);

    // WeChat still signs with the old Token: refused at once (not after a cache expires), nothing stored.
    const stale = await bench.push(channel, openid, { type: 'text', content: 'signed with the old token' });
    expect(stale.delivered).toBe(false);
    expect(stale.responses[0]).toMatchObject({ status: 401 });

    // The admin saves the new Token on WeChat's side too: verification and messages pass again.
    await bench.configureWechat(channel, { token: newToken });
    const verified = await bench.simApi('POST', `/sim/oa/accounts/${channel.config.appId}/verify-url`);
    expect(verified.body).toMatchObject({ ok: true });
    expect((await bench.push(channel, openid, { type: 'text', content: 'after' })).delivered).toBe(true);

    const callback = channel.callbackUrl.replace('//localhost:', '//127.0.0.1:');
    const oldSigned = await fetch(
      `${callback}?signature=${oaSignature(secrets.token, '1714037059', '1')}&timestamp=1714037059&nonce=1&echostr=e`,
    );
    expect(oldSigned.status).toBe(401);
  });

  it('rotates the EncodingAESKey in safe mode, and switching modes keeps working', async () => {
    const { channel, secrets } = await bench.createChannel({ mode: 'safe' });
    await bench.configureWechat(channel, secrets);
    const openid = await bench.newCustomer(channel);
    expect((await bench.push(channel, openid, { type: 'text', content: 'safe 1' })).delivered).toBe(true);

    const newKey = 'Z'.repeat(42) + 'A';
    await bench.server.request('PATCH', `/api/channels/${channel.id}`, {
      ...admin(),
      body: { config: { encodingAesKey: newKey } },
    });
    expect((await bench.push(channel, openid, { type: 'text', content: 'old key' })).delivered).toBe(false);
    await bench.configureWechat(channel, { encodingAesKey: newKey });
    expect((await bench.push(channel, openid, { type: 'text', content: 'new key' })).delivered).toBe(true);

    // To plaintext, dropping the key: WeChat's plaintext pushes are accepted, and the key is gone.
    const plain = await bench.server.request<ChannelView>('PATCH', `/api/channels/${channel.id}`, {
      ...admin(),
      body: { config: { encryptionMode: 'plaintext', encodingAesKey: null } },
    });
    expect(plain.body.config).toMatchObject({ encryptionMode: 'plaintext', encodingAesKey: null });
    await bench.configureWechat(channel, {}, 'plaintext');
    expect((await bench.push(channel, openid, { type: 'text', content: 'plain' })).delivered).toBe(true);
  });
});
