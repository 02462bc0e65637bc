import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationActivityView, ConversationView } from '#contracts';
import pg from 'pg';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { AutoAssignmentService } from '../src/conversations/auto-assignment.service.js';
import { DeskTeam, eventually, must, type TeamMember } from './support/desk-team.js';

/** Auto-assignment (CV3) against real PostgreSQL, with two server processes on one database. */
describe('auto-assignment', () => {
  const env = { MASTER_KEY: randomBytes(32).toString('base64') };
  let server: TestServer;
  let second: TestServer;
  let db: pg.Client;
  let departments = 0;

  beforeAll(async () => {
    server = await startServer(env);
    second = await startServer(env, { sharedDatabaseUrl: server.databaseUrl });
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await second?.stop();
    await server?.stop();
  });

  const newTeam = async (autoAssign = true) => {
    const team = await DeskTeam.create(server, `Team ${++departments}`);
    if (autoAssign) await team.setAutoAssign(true);
    return team;
  };
  const loadOf = async (member: TeamMember) =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM conversations WHERE assignee_id = $1 AND status = 'active'`,
          [member.user.id],
        )
      ).rows[0].n,
    );
  const statusOf = async (id: string) =>
    (await db.query(`SELECT status, assignee_id FROM conversations WHERE id = $1`, [id])).rows[0] as {
      status: string;
      assignee_id: string | null;
    };
  const waitingIn = async (team: DeskTeam) =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM conversations WHERE department_id = $1 AND status = 'waiting'`,
          [team.department.id],
        )
      ).rows[0].n,
    );

  it('balances new chats round robin between the online agents, and says so in the activity', async () => {
    const team = await newTeam();
    const a = await team.member('Agent A');
    const b = await team.member('Agent B');
    const ids: string[] = [];
    for (const person of ['oC1', 'oC2', 'oC3', 'oC4']) ids.push(await team.customerWrites(person, '你好'));
    await eventually(async () => {
      expect([await loadOf(a), await loadOf(b)]).toEqual([2, 2]);
    });
    const lines = await must<ConversationActivityView[]>(
      server,
      'GET',
      `/api/conversations/${ids[0]}/activity`,
      team.adminToken,
    );
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'auto-assigned',
        actor: null,
        fromStatus: 'waiting',
        toStatus: 'active',
        reason: 'Auto-assigned (round robin)',
      }),
    ]);
  });

  it('never goes over an agent’s capacity, and gives the oldest waiting chat to whoever gets room', async () => {
    const team = await newTeam();
    const a = await team.member('Agent A', { capacity: 1 });
    const b = await team.member('Agent B', { capacity: 1 });
    const first = await team.customerWrites('oCap1', 'one');
    await team.customerWrites('oCap2', 'two');
    const third = await team.customerWrites('oCap3', 'three');
    const fourth = await team.customerWrites('oCap4', 'four');
    await eventually(async () => {
      expect([await loadOf(a), await loadOf(b)]).toEqual([1, 1]);
    });
    expect(await statusOf(third)).toEqual({ status: 'waiting', assignee_id: null });
    expect(await statusOf(fourth)).toEqual({ status: 'waiting', assignee_id: null });

    const holder = (await statusOf(first)).assignee_id === a.user.id ? a : b;
    await must(server, 'POST', `/api/conversations/${first}/close`, holder.token);
    await eventually(async () => {
      expect(await statusOf(third)).toEqual({ status: 'active', assignee_id: holder.user.id });
    });
    expect(await statusOf(fourth)).toEqual({ status: 'waiting', assignee_id: null });
    expect([await loadOf(a), await loadOf(b)]).toEqual([1, 1]);
  });

  it('gives a returning customer to the agent who helped them before, when that agent has room', async () => {
    const team = await newTeam();
    const a = await team.member('Agent A');
    const b = await team.member('Agent B');
    const before = await team.customerWrites('oSticky', 'first visit');
    await eventually(async () => {
      expect((await statusOf(before)).status).toBe('active');
    });
    const helper = (await statusOf(before)).assignee_id!;
    await must(
      server,
      'POST',
      `/api/conversations/${before}/close`,
      helper === a.user.id ? a.token : b.token,
    );

    // Round robin would now give the other agent; stickiness gives the same one.
    const again = await team.customerWrites('oSticky', 'second visit');
    await eventually(async () => {
      expect(await statusOf(again)).toEqual({ status: 'active', assignee_id: helper });
    });
    const lines = await must<ConversationActivityView[]>(
      server,
      'GET',
      `/api/conversations/${again}/activity`,
      team.adminToken,
    );
    expect(lines[0].reason).toBe('Auto-assigned to the agent who helped this customer before');
    const other = await team.customerWrites('oNewcomer', 'hi');
    await eventually(async () => {
      expect((await statusOf(other)).assignee_id).toBe(helper === a.user.id ? b.user.id : a.user.id);
    });
  });

  it('skips away and offline agents, keeps chats waiting while nobody is online, and assigns when someone comes online', async () => {
    const team = await newTeam();
    const away = await team.member('Away agent');
    const offline = await team.member('Offline agent');
    const online = await team.member('Online agent');
    await team.presence(away, 'away');
    await team.presence(offline, 'offline');
    for (const person of ['oP1', 'oP2', 'oP3']) await team.customerWrites(person, 'hello');
    await eventually(async () => {
      expect(await loadOf(online)).toBe(3);
    });
    expect([await loadOf(away), await loadOf(offline)]).toEqual([0, 0]);

    await team.presence(online, 'away');
    const waiting = await team.customerWrites('oP4', 'anyone?');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statusOf(waiting)).toEqual({ status: 'waiting', assignee_id: null });
    await team.presence(offline, 'online');
    await eventually(async () => {
      expect(await statusOf(waiting)).toEqual({ status: 'active', assignee_id: offline.user.id });
    });
  });

  it('leaves departments that do not assign automatically to people', async () => {
    const team = await newTeam(false);
    await team.member('Agent A');
    const id = await team.customerWrites('oManual', 'hello');
    await server.app.get(AutoAssignmentService).assignWaiting(team.department.id);
    expect(await statusOf(id)).toEqual({ status: 'waiting', assignee_id: null });
    expect(
      (await must<ConversationView>(server, 'GET', `/api/conversations/${id}`, team.adminToken)).status,
    ).toBe('waiting');
  });

  it('two processes assigning at once never exceed anyone’s capacity, within or across departments', async () => {
    const team = await newTeam(false);
    const other = await newTeam(false);
    const a = await team.member('Agent A', { capacity: 2 });
    const b = await team.member('Agent B', { capacity: 3 });
    // In both departments and on both channels: two departments' assigners compete for them.
    const both = await team.member('Agent Both', {
      capacity: 2,
      departmentIds: [team.department.id, other.department.id],
    });
    await team.associate(other.channel, both.user.id);
    for (let i = 0; i < 10; i++) await team.customerWrites(`oRush${i}`, 'rush');
    for (let i = 0; i < 4; i++) await other.customerWrites(`oOther${i}`, 'rush');
    // Turned on behind the servers' backs (no event): only the explicit runs below assign.
    await db.query(`UPDATE departments SET auto_assign = true WHERE id = ANY($1::uuid[])`, [
      [team.department.id, other.department.id],
    ]);

    const one = server.app.get(AutoAssignmentService);
    const two = second.app.get(AutoAssignmentService);
    await Promise.all([
      one.assignWaiting(team.department.id),
      two.assignWaiting(team.department.id),
      one.assignWaiting(other.department.id),
      two.assignWaiting(other.department.id),
      two.assignWaiting(team.department.id),
    ]);
    expect(await loadOf(a)).toBeLessThanOrEqual(2);
    expect(await loadOf(b)).toBeLessThanOrEqual(3);
    expect(await loadOf(both)).toBeLessThanOrEqual(2);

    // Whatever a busy agent's lock made one run skip, the next run (a trigger, the sweep) assigns.
    await one.assignWaiting(team.department.id);
    await one.assignWaiting(other.department.id);
    expect([await loadOf(a), await loadOf(b), await loadOf(both)]).toEqual([2, 3, 2]);
    expect((await waitingIn(team)) + (await waitingIn(other))).toBe(14 - 7);
    const { rows } = await db.query(
      `SELECT conversation_id, count(*)::int AS n FROM conversation_activities
       WHERE kind = 'auto-assigned' GROUP BY conversation_id HAVING count(*) > 1`,
    );
    expect(rows).toEqual([]);
  });
});
