import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ConversationActivityView,
  ConversationTeamView,
  ConversationView,
  MessageView,
  SupervisorOverview,
} from '#contracts';
import pg from 'pg';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { DeskTeam, must, type TeamMember } from './support/desk-team.js';

/** Taking, assigning, transferring, sharing and closing chats (CV3), against real PostgreSQL. */
describe('assignment', () => {
  let server: TestServer;
  let team: DeskTeam;
  let li: TeamMember;
  let zhang: TeamMember;
  let wang: TeamMember;
  let supervisor: TeamMember;
  let outsider: TeamMember;
  let db: pg.Client;

  beforeAll(async () => {
    server = await startServer();
    team = await DeskTeam.create(server, 'Support');
    li = await team.member('Li Wei');
    zhang = await team.member('Zhang Min');
    // In the department but not associated with the channel: only a participant sees its chats.
    wang = await team.member('Wang Fang', { associated: false });
    supervisor = await team.member('Chen Jing', { role: 'supervisor', associated: false });
    outsider = await team.member('Zhao Lei', { departmentIds: [], associated: false });
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  const post = (member: TeamMember, path: string, body?: unknown) =>
    server.request<ConversationView & { code?: string; message?: string }>('POST', path, {
      token: member.token,
      body,
    });
  const activity = (id: string) =>
    must<ConversationActivityView[]>(server, 'GET', `/api/conversations/${id}/activity`, team.adminToken);
  const conversation = (id: string) =>
    must<ConversationView>(server, 'GET', `/api/conversations/${id}`, team.adminToken);

  it('two agents picking the same chat: one gets it, the other a 409 that says who has it', async () => {
    const id = await team.customerWrites('oPick', '你好');
    const answers = await Promise.all([
      post(li, `/api/conversations/${id}/pick`),
      post(zhang, `/api/conversations/${id}/pick`),
    ]);
    const won = answers.find((a) => a.status === 200)!;
    const lost = answers.find((a) => a.status !== 200)!;
    expect(lost.status).toBe(409);
    expect(lost.body.code).toBe('conversation_taken');
    const winner = won.body.assigneeId === li.user.id ? li : zhang;
    expect(lost.body.message).toBe(`${winner.user.name} has already taken this chat`);
    expect(won.body).toMatchObject({ status: 'active', assigneeId: winner.user.id });
    expect(await activity(id)).toEqual([
      expect.objectContaining({
        kind: 'picked',
        actor: { id: winner.user.id, name: winner.user.name },
        fromStatus: 'waiting',
        toStatus: 'active',
        assigneeAfter: { id: winner.user.id, name: winner.user.name },
      }),
    ]);
  });

  it('lets supervisors assign and reassign; agents may not, and an agent who cannot see the channel is refused', async () => {
    const id = await team.customerWrites('oAssign', 'help');
    expect((await post(li, `/api/conversations/${id}/assign`, { assigneeId: li.user.id })).status).toBe(403);
    const notAssociated = await post(supervisor, `/api/conversations/${id}/assign`, {
      assigneeId: wang.user.id,
    });
    expect(notAssociated.status).toBe(400);
    expect(notAssociated.body.message).toContain('Wang Fang is not associated');
    expect(await conversation(id)).toMatchObject({ status: 'waiting', assigneeId: null });

    expect(
      (await post(supervisor, `/api/conversations/${id}/assign`, { assigneeId: li.user.id })).body,
    ).toMatchObject({
      status: 'active',
      assigneeId: li.user.id,
    });
    await post(supervisor, `/api/conversations/${id}/assign`, { assigneeId: zhang.user.id });
    const lines = await activity(id);
    expect(
      lines.map((a) => [a.kind, a.actor?.name, a.assigneeBefore?.name ?? null, a.assigneeAfter?.name]),
    ).toEqual([
      ['assigned', 'Chen Jing', null, 'Li Wei'],
      ['reassigned', 'Chen Jing', 'Li Wei', 'Zhang Min'],
    ]);
  });

  it('transfers to an agent with a note the receiver reads, or back to a department’s queue', async () => {
    const id = await team.customerWrites('oTransfer', 'refund please');
    await post(li, `/api/conversations/${id}/pick`);
    expect(
      (await post(zhang, `/api/conversations/${id}/transfer`, { assigneeId: zhang.user.id })).status,
    ).toBe(403);
    expect((await post(li, `/api/conversations/${id}/transfer`, {})).status).toBe(400);

    const moved = await post(li, `/api/conversations/${id}/transfer`, {
      assigneeId: zhang.user.id,
      note: 'Wants a refund for order 1234',
    });
    expect(moved.body).toMatchObject({ status: 'active', assigneeId: zhang.user.id });
    const received = await must<ConversationActivityView[]>(
      server,
      'GET',
      `/api/conversations/${id}/activity`,
      zhang.token,
    );
    expect(received.at(-1)).toMatchObject({
      kind: 'transferred',
      actor: { name: 'Li Wei' },
      assigneeAfter: { name: 'Zhang Min' },
      note: 'Wants a refund for order 1234',
    });

    const sales = await must<{ id: string }>(server, 'POST', '/api/departments', team.adminToken, {
      name: 'Sales',
    });
    const queued = await post(zhang, `/api/conversations/${id}/transfer`, {
      departmentId: sales.id,
      note: 'Sales question',
    });
    expect(queued.body).toMatchObject({ status: 'waiting', assigneeId: null, departmentId: sales.id });
    expect((await activity(id)).at(-1)).toMatchObject({
      kind: 'transferred',
      departmentBefore: { id: team.department.id, name: 'Support' },
      departmentAfter: { id: sales.id, name: 'Sales' },
      toStatus: 'waiting',
    });
  });

  it('adds a colleague of the department who then sees the chat and may reply; others are refused', async () => {
    const id = await team.customerWrites('oGroup', 'complicated case');
    await post(li, `/api/conversations/${id}/pick`);
    const before = await server.request('GET', `/api/conversations/${id}`, { token: wang.token });
    expect(before.status).toBe(404);

    const outsiderAdded = await post(li, `/api/conversations/${id}/participants`, {
      userId: outsider.user.id,
    });
    expect(outsiderAdded.status).toBe(400);
    expect(outsiderAdded.body.message).toContain('not in this conversation');
    expect(
      (await post(zhang, `/api/conversations/${id}/participants`, { userId: wang.user.id })).status,
    ).toBe(403);

    expect((await post(li, `/api/conversations/${id}/participants`, { userId: wang.user.id })).status).toBe(
      200,
    );
    expect((await post(li, `/api/conversations/${id}/participants`, { userId: wang.user.id })).status).toBe(
      409,
    );
    expect((await server.request('GET', `/api/conversations/${id}`, { token: wang.token })).status).toBe(200);
    const messages = await must<MessageView[]>(
      server,
      'GET',
      `/api/conversations/${id}/messages`,
      wang.token,
    );
    expect(messages.map((m) => m.text)).toEqual(['complicated case']);
    const reply = await server.request<MessageView>('POST', `/api/conversations/${id}/messages`, {
      token: wang.token,
      body: { type: 'text', text: '我来帮忙' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ senderName: 'Wang Fang', deliveryState: 'queued' });

    const teamView = await must<ConversationTeamView>(
      server,
      'GET',
      `/api/conversations/${id}/team`,
      li.token,
    );
    expect(teamView.assignee).toMatchObject({ id: li.user.id, activeChats: expect.any(Number) });
    expect(teamView.participants).toEqual([{ id: wang.user.id, name: 'Wang Fang' }]);
    expect(teamView.agents.find((a) => a.id === wang.user.id)).toMatchObject({
      participant: true,
      associated: false,
      inDepartment: true,
    });
    expect((await activity(id)).at(-1)).toMatchObject({
      kind: 'participant-added',
      assigneeAfter: { name: 'Wang Fang' },
    });
  });

  it('closes a chat for good: nothing moves it afterwards', async () => {
    const id = await team.customerWrites('oClose', 'thanks, bye');
    await post(li, `/api/conversations/${id}/pick`);
    expect((await post(zhang, `/api/conversations/${id}/close`)).status).toBe(403);
    expect((await post(li, `/api/conversations/${id}/close`)).body).toMatchObject({ status: 'closed' });
    const again = await post(zhang, `/api/conversations/${id}/pick`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conversation_closed');
    expect((await post(li, `/api/conversations/${id}/close`)).body.code).toBe('conversation_closed');
    expect((await activity(id)).map((a) => a.kind)).toEqual(['picked', 'closed']);
  });

  it('hides conversations of other channels from agents, as for reading', async () => {
    const id = await team.customerWrites('oHidden', 'hello');
    expect((await post(outsider, `/api/conversations/${id}/pick`)).status).toBe(404);
    expect(
      (await server.request('GET', `/api/conversations/${id}/activity`, { token: outsider.token })).status,
    ).toBe(404);
    expect(await conversation(id)).toMatchObject({ status: 'waiting' });
  });

  it('shows supervisors their departments’ agents with load and the queue, longest waiting first; not agents', async () => {
    const older = await team.customerWrites('oQueue1', 'first in line');
    const newer = await team.customerWrites('oQueue2', 'second in line');
    expect((await server.request('GET', '/api/supervisor/overview', { token: li.token })).status).toBe(403);
    const overview = await must<SupervisorOverview>(
      server,
      'GET',
      '/api/supervisor/overview',
      supervisor.token,
    );
    expect(overview.departments.map((d) => d.name)).toEqual(['Support']);
    const names = overview.agents.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Li Wei', 'Zhang Min', 'Wang Fang', 'Chen Jing']));
    expect(names).not.toContain('Zhao Lei');
    const liLoad = overview.agents.find((a) => a.id === li.user.id)!;
    expect(liLoad).toMatchObject({ presence: 'online', maxConcurrentChats: 5 });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM conversations WHERE assignee_id = $1 AND status = 'active'`,
      [li.user.id],
    );
    expect(liLoad.activeChats).toBe(rows[0].n);
    const queued = overview.queue.map((q) => q.conversation.id);
    expect(queued.indexOf(older)).toBeGreaterThanOrEqual(0);
    expect(queued.indexOf(older)).toBeLessThan(queued.indexOf(newer));
    expect(overview.queue.every((q) => ['waiting', 'missed'].includes(q.conversation.status))).toBe(true);

    const otherSupervisor = await team.member('Sun Li', {
      role: 'supervisor',
      departmentIds: [],
      associated: false,
    });
    expect(
      await must<SupervisorOverview>(server, 'GET', '/api/supervisor/overview', otherSupervisor.token),
    ).toEqual({
      departments: [],
      agents: [],
      queue: [],
      active: [],
    });
    expect(overview.active.every((c) => c.status === 'active' && c.departmentId === team.department.id)).toBe(
      true,
    );
    expect(overview.active.length).toBeGreaterThan(0);
  });
});
