import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelView, DepartmentView, InboxCounts, InboxPage, UserView } from '#contracts';
import pg from 'pg';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { ConversationIngestService } from '../src/conversations/conversation-ingest.service.js';

/**
 * The inbox's views against real PostgreSQL through the API (RT3): who sees what, the counts, the filters,
 * the two sorts and keyset pages that neither skip nor repeat.
 */
describe('inbox views, counts and pages', () => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  let supervisor: string;
  let agentUser: UserView;
  let support: DepartmentView;
  let sales: DepartmentView;
  let coffee: ChannelView;
  let tea: ChannelView;
  let ingest: ConversationIngestService;
  let db: pg.Client;
  let sequence = 0;
  const base = Date.parse('2026-11-30T08:00:00Z');

  const channelBody = (name: string, departmentId: string, suffix: string) => ({
    kind: 'wechat-oa',
    name,
    departmentId,
    config: {
      appId: `wx${suffix.repeat(16).slice(0, 16)}`,
      appSecret: 'a'.repeat(32),
      token: 'token123',
      originalId: `gh_${suffix.repeat(12).slice(0, 12)}`,
      encryptionMode: 'plaintext',
    },
  });

  beforeAll(async () => {
    server = await startServer();
    admin = await server.login(server.admin.email, server.admin.password);
    const post = async <T>(path: string, body: unknown) => {
      const response = await server.request<T>('POST', path, { token: admin, body });
      if (response.status >= 300)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    support = await post<DepartmentView>('/api/departments', { name: 'Support' });
    sales = await post<DepartmentView>('/api/departments', { name: 'Sales' });
    coffee = await post<ChannelView>('/api/channels', channelBody('Coffee', support.id, 'c'));
    tea = await post<ChannelView>('/api/channels', channelBody('Tea', sales.id, 't'));
    agentUser = await post<UserView>('/api/users', {
      email: 'agent@example.com',
      name: 'Wang Fang',
      password: 'agent-password',
      role: 'agent',
      departmentIds: [support.id],
    });
    await post<UserView>('/api/users', {
      email: 'supervisor@example.com',
      name: 'Li Na',
      password: 'supervisor-password',
      role: 'supervisor',
      departmentIds: [sales.id],
    });
    await server.request('PUT', `/api/channels/${coffee.id}/agents`, {
      token: admin,
      body: { agentIds: [agentUser.id] },
    });
    agent = await server.login('agent@example.com', 'agent-password');
    supervisor = await server.login('supervisor@example.com', 'supervisor-password');
    ingest = server.app.get(ConversationIngestService);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  /** A customer writes at `minute` past the base time, the way a callback stores it. */
  async function customer(channel: ChannelView, person: string, minute: number): Promise<string> {
    const result = await ingest.ingest(
      {
        channelId: channel.id,
        platformMessageId: `inbox-${++sequence}`,
        sender: { platformUserId: person, fallbackDisplayName: `${channel.name}_${person}` },
        replyWindowEffect: 'opens',
        content: { type: 'text', text: `message ${sequence}` },
        opensConversation: true,
        payload: {},
        sentAt: new Date(base + minute * 60_000),
      },
      channel.departmentId,
    );
    if (result.duplicate || !result.conversationId) throw new Error('not stored');
    return result.conversationId;
  }

  const query = (params: Record<string, string | number | undefined>) =>
    new URLSearchParams(
      Object.entries(params).flatMap(([k, v]): Array<[string, string]> =>
        v === undefined ? [] : [[k, String(v)]],
      ),
    ).toString();

  async function view(params: Record<string, string | number | undefined>, token = admin) {
    return server.request<InboxPage & { code?: string; message?: string }>(
      'GET',
      `/api/inbox?${query(params)}`,
      {
        token,
      },
    );
  }
  const ids = async (params: Record<string, string | number | undefined>, token = admin) => {
    const response = await view(params, token);
    expect(response.status).toBe(200);
    return response.body.conversations.map((c) => c.id);
  };
  async function counts(params: Record<string, string | undefined> = {}, token = admin) {
    const response = await server.request<InboxCounts>('GET', `/api/inbox/counts?${query(params)}`, {
      token,
    });
    expect(response.status).toBe(200);
    return response.body;
  }

  // Coffee (Support): c1 waits since minute 10, c2 since 5, c3 is the agent's, c4 closed. Tea (Sales): t1.
  let c1: string, c2: string, c3: string, c4: string, t1: string;

  it('holds each conversation in its views, by state and by who has it', async () => {
    c1 = await customer(coffee, 'o-c1', 10);
    c2 = await customer(coffee, 'o-c2', 5);
    c3 = await customer(coffee, 'o-c3', 1);
    c4 = await customer(coffee, 'o-c4', 0);
    t1 = await customer(tea, 'o-t1', 3);
    // Taking a chat and closing one are conv-workflow's screens; here the rows are set directly.
    await db.query(`UPDATE conversations SET status = 'active', assignee_id = $2 WHERE id = $1`, [
      c3,
      agentUser.id,
    ]);
    await db.query(`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = $1`, [c4]);

    expect(await ids({ view: 'waiting' })).toEqual([t1, c2, c1]);
    expect(await ids({ view: 'waiting' }, agent)).toEqual([c2, c1]);
    expect(await ids({ view: 'mine' }, agent)).toEqual([c3]);
    expect(await ids({ view: 'mine' })).toEqual([]);
    expect(new Set(await ids({ view: 'open' }, agent))).toEqual(new Set([c1, c2, c3]));
    expect(await ids({ view: 'closed' }, agent)).toEqual([c4]);
    expect(await ids({ view: 'missed' }, agent)).toEqual([]);
  });

  it('counts every view within the scope: agents their channels, supervisors their departments, admins all', async () => {
    expect(await counts({}, agent)).toEqual({
      waiting: 2,
      mine: 1,
      open: 3,
      missed: 0,
      closed: 1,
      closedCapped: false,
    });
    expect(await counts({}, supervisor)).toEqual({
      waiting: 1,
      mine: 0,
      open: 1,
      missed: 0,
      closed: 0,
      closedCapped: false,
    });
    expect(await counts()).toEqual({
      waiting: 3,
      mine: 0,
      open: 4,
      missed: 0,
      closed: 1,
      closedCapped: false,
    });
    expect(await ids({ view: 'open' }, supervisor)).toEqual([t1]);
  });

  it('filters by channel and by department, in the list and the counts alike', async () => {
    expect(await counts({ channelId: tea.id })).toEqual({
      waiting: 1,
      mine: 0,
      open: 1,
      missed: 0,
      closed: 0,
      closedCapped: false,
    });
    expect(await counts({ departmentId: support.id })).toEqual({
      waiting: 2,
      mine: 0,
      open: 3,
      missed: 0,
      closed: 1,
      closedCapped: false,
    });
    expect(await ids({ view: 'waiting', departmentId: sales.id })).toEqual([t1]);
    expect(await ids({ view: 'waiting', channelId: coffee.id })).toEqual([c2, c1]);
    // The agent is not associated with Tea: asking for it is refused, not answered with nothing.
    const refused = await view({ view: 'open', channelId: tea.id }, agent);
    expect(refused.status).toBe(403);
    const refusedCounts = await server.request('GET', `/api/inbox/counts?channelId=${tea.id}`, {
      token: agent,
    });
    expect(refusedCounts.status).toBe(403);
  });

  it('sorts by waiting time (longest first) or by the latest message', async () => {
    expect(await ids({ view: 'open', sort: 'waiting' })).toEqual([c3, t1, c2, c1]);
    expect(await ids({ view: 'open', sort: 'latest' })).toEqual([c1, c2, t1, c3]);
    // A customer who writes again waits from their latest message.
    await customer(coffee, 'o-c2', 20);
    expect(await ids({ view: 'waiting', channelId: coffee.id })).toEqual([c1, c2]);
    expect(await ids({ view: 'open', sort: 'latest', channelId: coffee.id })).toEqual([c2, c1, c3]);
  });

  it('pages with a cursor that neither skips nor repeats, even when rows share a time', async () => {
    const same: string[] = [];
    for (let i = 0; i < 5; i++) same.push(await customer(tea, `o-same-${i}`, 30));
    for (const sort of ['waiting', 'latest'] as const) {
      const everything = await ids({ view: 'open', sort, limit: 100 });
      const walked: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const response = await view({ view: 'open', sort, limit: 2, cursor });
        expect(response.status).toBe(200);
        expect(response.body.conversations.length).toBeLessThanOrEqual(2);
        walked.push(...response.body.conversations.map((c) => c.id));
        if (!response.body.nextCursor) break;
        cursor = response.body.nextCursor;
      }
      expect(walked).toEqual(everything);
      expect(new Set(walked).size).toBe(walked.length);
      expect(walked).toEqual(expect.arrayContaining(same));
    }
  });

  it('holds a missed chat in missed and all open, not in waiting', async () => {
    const missed = await customer(tea, 'o-missed', 2);
    await db.query(`UPDATE conversations SET status = 'missed' WHERE id = $1`, [missed]);
    const before = await counts({ channelId: tea.id });
    expect(await ids({ view: 'missed' })).toEqual([missed]);
    expect(await ids({ view: 'open', channelId: tea.id, limit: 100 })).toContain(missed);
    expect(await ids({ view: 'waiting', channelId: tea.id, limit: 100 })).not.toContain(missed);
    expect(before.missed).toBe(1);
    expect(await ids({ view: 'missed' }, agent)).toEqual([]);
  });

  it('counts closed conversations up to the limit, and says when there are more', async () => {
    await db.query(
      `WITH made AS (
         INSERT INTO contacts (channel_id, platform_user_id, display_name)
         SELECT $1, 'o-closed-' || n, 'Closed ' || n FROM generate_series(1, 1000) n RETURNING id
       )
       INSERT INTO conversations (channel_id, contact_id, department_id, status, closed_at)
       SELECT $1, id, $2, 'closed', now() FROM made`,
      [coffee.id, support.id],
    );
    // 1 001 closed now (c4 and these).
    expect(await counts({ channelId: coffee.id })).toMatchObject({ closed: 1000, closedCapped: true });
    expect(await counts({ channelId: tea.id })).toMatchObject({ closed: 0, closedCapped: false });
    const page = await view({ view: 'closed', channelId: coffee.id, limit: 100 });
    expect(page.body.conversations).toHaveLength(100);
    expect(page.body.nextCursor).not.toBeNull();
  });

  it('refuses what it cannot answer with a clear error', async () => {
    const firstPage = await view({ view: 'open', sort: 'latest', limit: 1 });
    const latestCursor = firstPage.body.nextCursor!;
    expect(await view({ view: 'open', sort: 'waiting', cursor: latestCursor })).toMatchObject({
      status: 400,
      body: {
        code: 'validation_failed',
        message: 'This cursor belongs to another sort: load the view again',
      },
    });
    expect(await view({ view: 'open', cursor: 'not-a-cursor' })).toMatchObject({
      status: 400,
      body: { code: 'validation_failed' },
    });
    expect(await view({ view: 'closed', sort: 'waiting' })).toMatchObject({
      status: 400,
      body: { message: 'Closed conversations wait for nobody: sort them by the latest message' },
    });
    expect((await view({ view: 'everything' })).status).toBe(400);
    expect((await view({ view: 'open', limit: 0 })).status).toBe(400);
    expect((await view({ view: 'open', departmentId: 'sales' })).status).toBe(400);
    expect((await server.request('GET', '/api/inbox')).status).toBe(401);
  });
});
