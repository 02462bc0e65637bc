import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelView, DepartmentView, LoginResponse, UserView } from '#contracts';
import pg from 'pg';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';

describe('identity: login, sessions, roles (NF5)', () => {
  let server: TestServer;
  let adminToken: string;

  beforeAll(async () => {
    server = await startServer();
    adminToken = await server.login(server.admin.email, server.admin.password);
  }, 60_000);

  afterAll(() => server?.stop());

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD and stores only a scrypt hash', async () => {
    const login = await server.request<LoginResponse>('POST', '/api/auth/login', {
      body: { email: 'ADMIN@example.com', password: server.admin.password },
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'admin@example.com', role: 'admin' });
    expect(login.body.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT password_hash FROM users WHERE email = 'admin@example.com'`);
    await client.end();
    expect(rows[0].password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(rows[0].password_hash).not.toContain(server.admin.password);
  });

  it('refuses a wrong password with one message whether or not the account exists', async () => {
    const wrong = await server.request('POST', '/api/auth/login', {
      body: { email: 'admin@example.com', password: 'nope-nope' },
    });
    const unknown = await server.request('POST', '/api/auth/login', {
      body: { email: 'ghost@example.com', password: 'nope-nope' },
    });
    expect(wrong).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'unauthenticated', message: 'Wrong email or password' },
    });
    expect(unknown).toEqual(wrong);
  });

  it('throttles an email after 5 failures with a readable 429, even for the right password', async () => {
    const email = 'throttled@example.com';
    await server.request('POST', '/api/users', {
      token: adminToken,
      body: { email, name: 'T', password: 'right-password', role: 'agent' },
    });
    for (let i = 0; i < 5; i++) {
      expect(
        (await server.request('POST', '/api/auth/login', { body: { email, password: `wrong-${i}` } })).status,
      ).toBe(401);
    }
    const blocked = await server.request<{ code: string; message: string }>('POST', '/api/auth/login', {
      body: { email, password: 'right-password' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(blocked.body.message).toMatch(/Too many failed login attempts\. Try again in \d+ min\./);
  });

  it('needs a session for the API and revokes it on logout', async () => {
    expect((await server.request('GET', '/api/conversations')).status).toBe(401);
    const token = await server.login(server.admin.email, server.admin.password);
    expect((await server.request('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await server.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    const after = await server.request('GET', '/api/auth/me', { token });
    expect(after).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'unauthenticated', message: 'Sign in to continue' },
    });
  });

  it('lets admins create departments and agents; agents cannot', async () => {
    const department = await server.request<DepartmentView>('POST', '/api/departments', {
      token: adminToken,
      body: { name: 'Sales' },
    });
    expect(department.status).toBe(201);
    expect(
      (await server.request('POST', '/api/departments', { token: adminToken, body: { name: 'sales' } }))
        .status,
    ).toBe(409);

    const agent = await server.request<UserView>('POST', '/api/users', {
      token: adminToken,
      body: {
        email: 'wang@example.com',
        name: 'Wang Wei',
        password: 'agent-password',
        role: 'agent',
        departmentIds: [department.body.id],
      },
    });
    expect(agent.status).toBe(201);
    expect(agent.body).toEqual({
      id: expect.any(String),
      email: 'wang@example.com',
      name: 'Wang Wei',
      role: 'agent',
      active: true,
      departmentIds: [department.body.id],
      maxConcurrentChats: 5,
      presence: 'offline',
      presenceReason: null,
      invitationPending: false,
    });
    expect(JSON.stringify(agent.body)).not.toContain('password');

    const agentToken = await server.login('wang@example.com', 'agent-password');
    const denied = await server.request('POST', '/api/users', {
      token: agentToken,
      body: { email: 'x@example.com', name: 'X', password: 'whatever-1', role: 'admin' },
    });
    expect(denied.status).toBe(403);
    expect(
      (await server.request('POST', '/api/departments', { token: agentToken, body: { name: 'Hackers' } }))
        .status,
    ).toBe(403);
  });

  it('rejects invalid admin input with the reasons and creates nothing', async () => {
    const before = await server.request<UserView[]>('GET', '/api/users', { token: adminToken });
    const bad = await server.request<{ code: string; message: string }>('POST', '/api/users', {
      token: adminToken,
      body: { email: 'not-an-email', name: '', password: 'short', role: 'boss', extra: true },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.message).toContain('email must be an email');
    expect(bad.body.message).toContain('role must be one of the following values');
    expect(bad.body.message).toContain('property extra should not exist');
    const after = await server.request<UserView[]>('GET', '/api/users', { token: adminToken });
    expect(after.body.length).toBe(before.body.length);
  });

  it('creates an Official Account channel whose secrets are never returned', async () => {
    const secrets = {
      appSecret: 'abcdef0123456789abcdef0123456789',
      token: 'tokentoken42',
      encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    };
    const created = await server.request<ChannelView>('POST', '/api/channels', {
      token: adminToken,
      body: {
        kind: 'wechat-oa',
        name: 'No department yet',
        config: {
          appId: 'wx1234567890abcdef',
          originalId: 'gh_0123456789ab',
          encryptionMode: 'safe',
          ...secrets,
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'wechat-oa',
      status: 'active',
      fullyConfigured: false,
      problems: ['Choose a department: chats on this channel have nowhere to go'],
      callbackUrl: `http://localhost:${new URL(server.url).port}/callbacks/wechat-oa/${created.body.id}`,
      config: {
        appSecret: '••••6789',
        token: '••••en42',
        encodingAesKey: '••••DEFG',
        encryptionMode: 'safe',
      },
    });
    const listed = await server.request<ChannelView[]>('GET', '/api/channels', { token: adminToken });
    for (const body of [JSON.stringify(created.body), JSON.stringify(listed.body)]) {
      for (const secret of Object.values(secrets)) expect(body).not.toContain(secret);
    }
  });
});
