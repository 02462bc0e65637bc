import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DepartmentView, InvitationView, LoginResponse, UserView } from '#contracts';
import pg from 'pg';
import { io } from 'socket.io-client';
import { PresenceService } from '../src/identity/presence.service.js';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';

/** What admins manage about agents (issue 5, point 12): invitations, roles, capacity, deactivation, presence. */
describe('agent administration', () => {
  let server: TestServer;
  let admin: string;
  let db: pg.Client;

  beforeAll(async () => {
    server = await startServer();
    admin = await server.login(server.admin.email, server.admin.password);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  const users = async () => (await server.request<UserView[]>('GET', '/api/users', { token: admin })).body;
  const department = async (name: string) =>
    (await server.request<DepartmentView>('POST', '/api/departments', { token: admin, body: { name } })).body;
  const tokenOf = (invitation: InvitationView) => new URL(invitation.inviteUrl).hash.replace('#/invite/', '');

  it('invites a user with a one-time link; they choose their password and are signed in', async () => {
    const support = await department('Support');
    const invited = await server.request<InvitationView>('POST', '/api/users/invitations', {
      token: admin,
      body: { email: 'Zhang@Example.com', name: 'Zhang San', role: 'agent', departmentIds: [support.id] },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({
      email: 'zhang@example.com',
      role: 'agent',
      invitationPending: true,
      maxConcurrentChats: 5,
      departmentIds: [support.id],
    });
    expect(invited.body.inviteUrl).toMatch(/^http:\/\/localhost:\d+\/#\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invited.body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [{ n }] = (
      await db.query(`SELECT count(*)::int AS n FROM user_invitations WHERE token_hash = $1`, [token])
    ).rows as Array<{ n: number }>;
    expect(n).toBe(0); // only the hash is stored

    // Until they accept, nobody can sign in as them.
    const early = await server.request('POST', '/api/auth/login', {
      body: { email: 'zhang@example.com', password: 'whatever-password' },
    });
    expect(early.status).toBe(401);

    const accepted = await server.request<LoginResponse>('POST', '/api/auth/accept-invitation', {
      body: { token, password: 'zhang-chooses-this' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email: 'zhang@example.com', invitationPending: false });
    expect((await server.request('GET', '/api/auth/me', { token: accepted.body.accessToken })).status).toBe(
      200,
    );
    await server.login('zhang@example.com', 'zhang-chooses-this');

    const again = await server.request<{ code: string; message: string }>(
      'POST',
      '/api/auth/accept-invitation',
      { body: { token, password: 'someone-else-1' } },
    );
    expect(again.status).toBe(404);
    expect(again.body.message).toContain('ask your admin for a new one');
    await server.login('zhang@example.com', 'zhang-chooses-this');
  });

  it('issues a new link that replaces the old one, and refuses short passwords', async () => {
    const first = (
      await server.request<InvitationView>('POST', '/api/users/invitations', {
        token: admin,
        body: { email: 'li@example.com', name: 'Li Si', role: 'supervisor' },
      })
    ).body;
    const second = await server.request<InvitationView>('POST', `/api/users/${first.user.id}/invitation`, {
      token: admin,
    });
    expect(second.status).toBe(201);
    expect(
      (
        await server.request('POST', '/api/auth/accept-invitation', {
          body: { token: tokenOf(first), password: 'long-enough-1' },
        })
      ).status,
    ).toBe(404);
    const short = await server.request<{ message: string }>('POST', '/api/auth/accept-invitation', {
      body: { token: tokenOf(second.body), password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('password must be longer than or equal to 8 characters');
    expect(
      (
        await server.request('POST', '/api/auth/accept-invitation', {
          body: { token: tokenOf(second.body), password: 'long-enough-1' },
        })
      ).status,
    ).toBe(200);
    const reissueAccepted = await server.request('POST', `/api/users/${first.user.id}/invitation`, {
      token: admin,
    });
    expect(reissueAccepted.status).toBe(409);
  });

  it('changes role, departments and capacity; refuses bad values and changes nothing', async () => {
    const sales = await department('Sales');
    const agent = (
      await server.request<UserView>('POST', '/api/users', {
        token: admin,
        body: { email: 'wu@example.com', name: 'Wu', password: 'wu-password', role: 'agent' },
      })
    ).body;
    const updated = await server.request<UserView>('PATCH', `/api/users/${agent.id}`, {
      token: admin,
      body: { role: 'supervisor', departmentIds: [sales.id], maxConcurrentChats: 8, name: ' Wu Yi ' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'Wu Yi',
      role: 'supervisor',
      departmentIds: [sales.id],
      maxConcurrentChats: 8,
    });

    for (const body of [
      { maxConcurrentChats: 0 },
      { maxConcurrentChats: 101 },
      { role: 'owner' },
      { departmentIds: ['00000000-0000-4000-8000-000000000000'] },
      { password: 'sneaky' },
    ]) {
      const refused = await server.request<{ code: string }>('PATCH', `/api/users/${agent.id}`, {
        token: admin,
        body,
      });
      expect({ body, status: refused.status, code: refused.body.code }).toEqual({
        body,
        status: 400,
        code: 'validation_failed',
      });
    }
    const after = (await users()).find((u) => u.id === agent.id);
    expect(after).toEqual(updated.body);

    const agentToken = await server.login('wu@example.com', 'wu-password');
    for (const [method, path] of [
      ['PATCH', `/api/users/${agent.id}`],
      ['POST', '/api/users/invitations'],
      ['POST', `/api/users/${agent.id}/invitation`],
      ['PATCH', `/api/departments/${sales.id}`],
      ['DELETE', `/api/departments/${sales.id}`],
    ] as const) {
      const denied = await server.request(method, path, { token: agentToken, body: { name: 'x' } });
      expect({ method, path, status: denied.status }).toEqual({ method, path, status: 403 });
    }
  });

  it('never leaves the installation without an active admin', async () => {
    const [me] = (await users()).filter((u) => u.email === server.admin.email);
    const demote = await server.request<{ code: string; message: string }>('PATCH', `/api/users/${me.id}`, {
      token: admin,
      body: { role: 'agent' },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.message).toBe('This is the last active admin: make someone else an admin first');
    const self = await server.request<{ message: string }>('PATCH', `/api/users/${me.id}`, {
      token: admin,
      body: { active: false },
    });
    expect(self.status).toBe(400);
    expect(self.body.message).toBe('You cannot deactivate your own account');

    const second = (
      await server.request<UserView>('POST', '/api/users', {
        token: admin,
        body: { email: 'boss2@example.com', name: 'Boss 2', password: 'boss2-password', role: 'admin' },
      })
    ).body;
    const demoteOther = await server.request<UserView>('PATCH', `/api/users/${second.id}`, {
      token: admin,
      body: { role: 'agent' },
    });
    expect(demoteOther.status).toBe(200);
    expect(demoteOther.body.role).toBe('agent');
  });

  it('deactivating signs the user out of the API and closes their live socket', async () => {
    const agent = (
      await server.request<UserView>('POST', '/api/users', {
        token: admin,
        body: { email: 'gone@example.com', name: 'Gone', password: 'gone-password', role: 'agent' },
      })
    ).body;
    const token = await server.login('gone@example.com', 'gone-password');
    const socket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const deactivated = await server.request<UserView>('PATCH', `/api/users/${agent.id}`, {
      token: admin,
      body: { active: false },
    });
    expect(deactivated.body.active).toBe(false);
    expect(deactivated.body.presence).toBe('offline');
    expect(await disconnected).toBe('io server disconnect');
    expect((await server.request('GET', '/api/auth/me', { token })).status).toBe(401);
    const login = await server.request('POST', '/api/auth/login', {
      body: { email: 'gone@example.com', password: 'gone-password' },
    });
    expect(login.status).toBe(401);
    socket.close();

    await server.request('PATCH', `/api/users/${agent.id}`, { token: admin, body: { active: true } });
    await server.login('gone@example.com', 'gone-password');
  });

  it('renames and deletes departments, but not one that channels are routed to', async () => {
    const billing = await department('Billing');
    const renamed = await server.request<DepartmentView>('PATCH', `/api/departments/${billing.id}`, {
      token: admin,
      body: { name: 'Billing & Refunds' },
    });
    expect(renamed.body).toEqual({ id: billing.id, name: 'Billing & Refunds', autoAssign: false });
    const clash = await server.request('PATCH', `/api/departments/${billing.id}`, {
      token: admin,
      body: { name: 'support' },
    });
    expect(clash.status).toBe(409);

    await db.query(`INSERT INTO channels (kind, name, department_id) VALUES ('wechat-oa', 'Routed', $1)`, [
      billing.id,
    ]);
    const busy = await server.request<{ message: string }>('DELETE', `/api/departments/${billing.id}`, {
      token: admin,
    });
    expect(busy.status).toBe(409);
    expect(busy.body.message).toBe('1 channel is routed to this department: route it elsewhere first');

    const empty = await department('Temporary');
    expect((await server.request('DELETE', `/api/departments/${empty.id}`, { token: admin })).status).toBe(
      204,
    );
    const names = (
      await server.request<DepartmentView[]>('GET', '/api/departments', { token: admin })
    ).body.map((d) => d.name);
    expect(names).toContain('Billing & Refunds');
    expect(names).not.toContain('Temporary');
  });

  it('signs an offline agent in as online, and signing out of the last session makes them offline', async () => {
    await server.request('POST', '/api/users', {
      token: admin,
      body: { email: 'shift@example.com', name: 'Shift', password: 'shift-password', role: 'agent' },
    });
    const presence = async () => (await users()).find((u) => u.email === 'shift@example.com')!.presence;
    expect(await presence()).toBe('offline');
    const laptop = await server.login('shift@example.com', 'shift-password');
    expect(await presence()).toBe('online');
    const phone = await server.login('shift@example.com', 'shift-password');
    await server.request('POST', '/api/auth/logout', { token: laptop });
    expect(await presence()).toBe('online'); // still signed in on the phone
    await server.request('POST', '/api/auth/logout', { token: phone });
    expect(await presence()).toBe('offline');

    // One who chose away stays away when signing in again.
    const again = await server.login('shift@example.com', 'shift-password');
    await server.request('PUT', '/api/me/presence', { token: again, body: { presence: 'away' } });
    await server.login('shift@example.com', 'shift-password');
    expect(await presence()).toBe('away');
  });

  it('sets idle agents away, and brings them back on activity unless they chose away', async () => {
    await server.request('POST', '/api/users', {
      token: admin,
      body: { email: 'idle@example.com', name: 'Idle', password: 'idle-password', role: 'agent' },
    });
    const token = await server.login('idle@example.com', 'idle-password');
    const presenceOf = async () => (await users()).find((u) => u.email === 'idle@example.com')!;
    expect(
      (await server.request('PUT', '/api/me/presence', { token, body: { presence: 'online' } })).status,
    ).toBe(204);
    expect(await presenceOf()).toMatchObject({ presence: 'online', presenceReason: null });

    const sweep = () => server.app.get(PresenceService).sweepIdle();
    expect(await sweep()).not.toContain((await presenceOf()).id);
    await db.query(
      `UPDATE users SET last_active_at = now() - interval '16 minutes' WHERE email = 'idle@example.com'`,
    );
    expect(await sweep()).toEqual([(await presenceOf()).id]);
    expect(await presenceOf()).toMatchObject({ presence: 'away', presenceReason: 'idle' });

    expect((await server.request('POST', '/api/me/activity', { token })).status).toBe(204);
    expect(await presenceOf()).toMatchObject({ presence: 'online' });

    await server.request('PUT', '/api/me/presence', { token, body: { presence: 'away' } });
    await db.query(
      `UPDATE users SET last_active_at = now() - interval '1 hour' WHERE email = 'idle@example.com'`,
    );
    await server.request('POST', '/api/me/activity', { token });
    expect(await presenceOf()).toMatchObject({ presence: 'away', presenceReason: 'chosen' });
    const { rows } = await db.query(
      `SELECT last_active_at > now() - interval '1 minute' AS recorded FROM users WHERE email = 'idle@example.com'`,
    );
    expect(rows[0].recorded).toBe(true);

    const bad = await server.request('PUT', '/api/me/presence', { token, body: { presence: 'busy' } });
    expect(bad.status).toBe(400);
  });
});
