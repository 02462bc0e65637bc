import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InvitationPreview, InvitationView, LoginResponse, UserView } from '#contracts';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';

/** The invitation page asks whom a link is for before the person chooses a password (public, by token). */
describe('invitation preview', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startServer();
    admin = await server.login(server.admin.email, server.admin.password);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const tokenOf = (invitation: InvitationView) => new URL(invitation.inviteUrl).hash.replace('#/invite/', '');
  const invite = async (email: string, name: string) =>
    (
      await server.request<InvitationView>('POST', '/api/users/invitations', {
        token: admin,
        body: { email, name, role: 'agent' },
      })
    ).body;
  const preview = (token: string) =>
    server.request<InvitationPreview & { message: string }>(
      'GET',
      `/api/auth/invitations/${encodeURIComponent(token)}`,
    );

  it('says whom a live link is for, without a session, and nothing more', async () => {
    const invitation = await invite('Wang.Fang@Example.com', '王芳');
    const seen = await preview(tokenOf(invitation));
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      name: '王芳',
      email: 'wang.fang@example.com',
      expiresAt: invitation.expiresAt,
    });
  });

  it('answers 404 with the same words for a replaced, used, deactivated or made-up link', async () => {
    const gone = 'This invitation link is not valid any more: ask your admin for a new one';
    const first = await invite('zhao@example.com', 'Zhao');
    const second = (
      await server.request<InvitationView>('POST', `/api/users/${first.user.id}/invitation`, { token: admin })
    ).body;
    expect((await preview(tokenOf(first))).body).toMatchObject({ statusCode: 404, message: gone });
    expect((await preview(tokenOf(second))).status).toBe(200);

    const accepted = await server.request<LoginResponse>('POST', '/api/auth/accept-invitation', {
      body: { token: tokenOf(second), password: 'zhao-chooses-this' },
    });
    expect(accepted.status).toBe(200);
    expect((await preview(tokenOf(second))).body).toMatchObject({ statusCode: 404, message: gone });

    const third = await invite('qian@example.com', 'Qian');
    await server.request<UserView>('PATCH', `/api/users/${third.user.id}`, {
      token: admin,
      body: { active: false },
    });
    expect((await preview(tokenOf(third))).body).toMatchObject({ statusCode: 404, message: gone });

    for (const token of ['short', 'x'.repeat(43), 'y'.repeat(99)]) {
      expect((await preview(token)).body).toMatchObject({ statusCode: 404, message: gone });
    }
  });
});
