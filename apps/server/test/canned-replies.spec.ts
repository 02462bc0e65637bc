import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CannedReplyChoice, CannedReplyView, ChannelView, DepartmentView, UserView } from '#contracts';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { ConversationIngestService } from '../src/conversations/conversation-ingest.service.js';

type Answer<T> = { status: number; body: T & { code?: string; message?: string } };

/** Canned replies (CV4) against real PostgreSQL: who manages which, who uses which, and the placeholders. */
describe('canned replies', () => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  let otherAgent: string;
  let supervisor: string;
  let salesSupervisor: string;
  let support: DepartmentView;
  let sales: DepartmentView;
  let coffee: ChannelView;
  let conversationId: string;
  let contactId: string;

  const call = <T>(method: string, path: string, token: string, body?: unknown) =>
    server.request<T>(method, path, { token, body }) as Promise<Answer<T>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await server.login(server.admin.email, server.admin.password);
    support = (await call<DepartmentView>('POST', '/api/departments', admin, { name: 'Support' })).body;
    sales = (await call<DepartmentView>('POST', '/api/departments', admin, { name: 'Sales' })).body;
    const user = async (email: string, name: string, role: string, departmentIds: string[]) => {
      const created = await call<UserView>('POST', '/api/users', admin, {
        email,
        name,
        password: 'user-password',
        role,
        departmentIds,
      });
      expect(created.status).toBe(201);
      return { token: await server.login(email, 'user-password'), id: created.body.id };
    };
    const a = await user('agent@example.com', 'Wang Fang', 'agent', [support.id]);
    agent = a.token;
    otherAgent = (await user('other@example.com', 'Zhao Lei', 'agent', [support.id])).token;
    supervisor = (await user('super@example.com', 'Liu Yang', 'supervisor', [support.id])).token;
    salesSupervisor = (await user('sales@example.com', 'Sun Li', 'supervisor', [sales.id])).token;
    coffee = (
      await call<ChannelView>('POST', '/api/channels', admin, {
        kind: 'wechat-oa',
        name: 'Coffee',
        departmentId: support.id,
        config: {
          appId: 'wxcccccccccccccccc',
          appSecret: 'a'.repeat(32),
          token: 'token123',
          originalId: 'gh_cccccccccccc',
          encryptionMode: 'plaintext',
        },
      })
    ).body;
    await call('PUT', `/api/channels/${coffee.id}/agents`, admin, { agentIds: [a.id] });
    const stored = await server.app.get(ConversationIngestService).ingest(
      {
        channelId: coffee.id,
        platformMessageId: 'canned-1',
        sender: { platformUserId: 'oCanned', fallbackDisplayName: 'Coffee_oCanned' },
        replyWindowEffect: 'opens',
        content: { type: 'text', text: '你好' },
        opensConversation: true,
        payload: {},
        sentAt: new Date(),
      },
      support.id,
    );
    if (stored.duplicate || !stored.conversationId) throw new Error('not stored');
    conversationId = stored.conversationId;
    contactId = stored.contactId;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const greeting = {
    title: 'Greeting',
    body: '您好，{{contact.name}}！我是{{ agent.name }}，很高兴为您服务。',
  };

  it('lets supervisors and admins manage their departments’ replies, and no one else', async () => {
    const bySupervisor = await call<CannedReplyView>('POST', '/api/canned-replies', supervisor, {
      scope: 'department',
      departmentId: support.id,
      ...greeting,
    });
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.body).toMatchObject({
      scope: 'department',
      departmentId: support.id,
      departmentName: 'Support',
      canEdit: true,
      ...greeting,
    });

    const byAgent = await call('POST', '/api/canned-replies', agent, {
      scope: 'department',
      departmentId: support.id,
      title: 'Mine',
      body: 'x',
    });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.message).toBe(
      'Only admins and the supervisors of a department manage its canned replies',
    );
    const byOtherSupervisor = await call(
      'PATCH',
      `/api/canned-replies/${bySupervisor.body.id}`,
      salesSupervisor,
      {
        title: 'Hijacked',
      },
    );
    expect(byOtherSupervisor.status).toBe(403);
    const byAdmin = await call<CannedReplyView>('POST', '/api/canned-replies', admin, {
      scope: 'department',
      departmentId: sales.id,
      title: 'Price list',
      body: '价格表请见附件。',
    });
    expect(byAdmin.status).toBe(201);

    // Agents see their department's replies, unchangeable; Sales' are not theirs.
    const listed = await call<CannedReplyView[]>('GET', '/api/canned-replies', agent);
    expect(listed.body.map((r) => [r.title, r.canEdit])).toEqual([['Greeting', false]]);
    const adminList = await call<CannedReplyView[]>('GET', '/api/canned-replies', admin);
    expect(adminList.body.map((r) => r.title).sort()).toEqual(['Greeting', 'Price list']);
  });

  it('keeps personal replies to their owner', async () => {
    const mine = await call<CannedReplyView>('POST', '/api/canned-replies', agent, {
      scope: 'personal',
      title: 'Sign-off',
      body: '祝您生活愉快！——{{agent.name}}',
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ scope: 'personal', departmentId: null, canEdit: true });
    expect(
      (await call('PATCH', `/api/canned-replies/${mine.body.id}`, otherAgent, { title: 'x' })).status,
    ).toBe(404);
    expect((await call('DELETE', `/api/canned-replies/${mine.body.id}`, admin)).status).toBe(404);
    const theirs = await call<CannedReplyView[]>('GET', '/api/canned-replies', otherAgent);
    expect(theirs.body.map((r) => r.title)).toEqual(['Greeting']);
    const personalWithDepartment = await call('POST', '/api/canned-replies', agent, {
      scope: 'personal',
      departmentId: support.id,
      title: 'Odd',
      body: 'x',
    });
    expect(personalWithDepartment.status).toBe(400);

    const renamed = await call<CannedReplyView>('PATCH', `/api/canned-replies/${mine.body.id}`, agent, {
      title: 'Goodbye',
    });
    expect(renamed.body).toMatchObject({ title: 'Goodbye', body: '祝您生活愉快！——{{agent.name}}' });
  });

  it('refuses unknown or broken placeholders with a clear message, and changes nothing', async () => {
    const unknown = await call('POST', '/api/canned-replies', agent, {
      scope: 'personal',
      title: 'Phone',
      body: '您的电话是 {{contact.phone}} 吗？',
    });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(unknown.body.message).toBe(
      'Unknown placeholder {{contact.phone}}: use {{contact.name}} or {{agent.name}}',
    );
    const unclosed = await call('POST', '/api/canned-replies', agent, {
      scope: 'personal',
      title: 'Unclosed',
      body: '您好 {{contact.name',
    });
    expect(unclosed.body.message).toMatch(/^A placeholder is not closed: “\{\{contact.name”/);
    const tooLong = await call('POST', '/api/canned-replies', agent, {
      scope: 'personal',
      title: 'Long',
      body: '长'.repeat(700),
    });
    expect(tooLong.body.message).toMatch(/at most 2048 bytes/);
    const listed = await call<CannedReplyView[]>('GET', '/api/canned-replies', agent);
    expect(listed.body.map((r) => r.title)).not.toEqual(
      expect.arrayContaining(['Phone', 'Unclosed', 'Long']),
    );
  });

  it('refuses a second reply with the same title in the same place', async () => {
    const twice = await call('POST', '/api/canned-replies', supervisor, {
      scope: 'department',
      departmentId: support.id,
      title: 'greeting',
      body: '又一个',
    });
    expect(twice.status).toBe(409);
    // Another place may use the title.
    const elsewhere = await call('POST', '/api/canned-replies', otherAgent, {
      scope: 'personal',
      title: 'Greeting',
      body: '嗨',
    });
    expect(elsewhere.status).toBe(201);
  });

  it('offers in a conversation the agent’s own and its department’s replies, filled in', async () => {
    await call('PATCH', `/api/contacts/${contactId}/person`, admin, { displayName: '王先生' });
    const choices = await call<CannedReplyChoice[]>(
      'GET',
      `/api/canned-replies?conversationId=${conversationId}`,
      agent,
    );
    expect(choices.status).toBe(200);
    expect(choices.body.map((c) => [c.title, c.text])).toEqual([
      ['Goodbye', '祝您生活愉快！——Wang Fang'],
      ['Greeting', '您好，王先生！我是Wang Fang，很高兴为您服务。'],
    ]);
    // Sales' price list is not for a Support conversation, even for an admin.
    const forAdmin = await call<CannedReplyChoice[]>(
      'GET',
      `/api/canned-replies?conversationId=${conversationId}`,
      admin,
    );
    expect(forAdmin.body.map((c) => c.title)).toEqual(['Greeting']);
    // Not associated with the channel: the conversation does not exist for them.
    const outsider = await call('GET', `/api/canned-replies?conversationId=${conversationId}`, otherAgent);
    expect(outsider.status).toBe(404);
  });

  it('lets the managers delete a department reply', async () => {
    const [greetingReply] = (
      await call<CannedReplyView[]>('GET', '/api/canned-replies', supervisor)
    ).body.filter((r) => r.title === 'Greeting' && r.scope === 'department');
    expect((await call('DELETE', `/api/canned-replies/${greetingReply.id}`, agent)).status).toBe(403);
    expect((await call('DELETE', `/api/canned-replies/${greetingReply.id}`, supervisor)).status).toBe(204);
    expect((await call('DELETE', `/api/canned-replies/${greetingReply.id}`, supervisor)).status).toBe(404);
  });
});
