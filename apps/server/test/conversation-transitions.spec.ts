import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationActivityView, ConversationView } from '#contracts';
import { DataSource } from 'typeorm';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { DomainEvents } from '../src/common/domain-events.js';
import { DomainError } from '../src/common/domain-error.js';
import { ConversationActivityRepository } from '../src/conversations/conversation-activity.repository.js';
import { ConversationTransitionsService } from '../src/conversations/conversation-transitions.service.js';
import { DeskTeam, must } from './support/desk-team.js';

/** The interface the timers use (docs/architecture.md): system transitions in the caller's transaction. */
describe('ConversationTransitionsService', () => {
  let server: TestServer;
  let team: DeskTeam;
  let transitions: ConversationTransitionsService;
  let db: DataSource;

  beforeAll(async () => {
    server = await startServer();
    team = await DeskTeam.create(server, 'Timers');
    transitions = server.app.get(ConversationTransitionsService);
    db = server.app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const get = (id: string) =>
    must<ConversationView>(server, 'GET', `/api/conversations/${id}`, team.adminToken);
  const activity = (id: string) =>
    must<ConversationActivityView[]>(server, 'GET', `/api/conversations/${id}/activity`, team.adminToken);

  it('marks a waiting chat missed and closes it for the system, with the reasons, and announces each after commit', async () => {
    const id = await team.customerWrites('oTimer', 'hello?');
    const seen: string[] = [];
    const events = server.app.get(DomainEvents);
    events.on('conversation.activity', (e) => {
      if (e.conversationId === id) seen.push(`${e.activity.kind}: ${e.activity.reason}`);
    });

    const missed = await db.transaction((tx) =>
      transitions.apply(tx, id, { kind: 'miss' }, { kind: 'system', reason: 'Nobody took it within 5 min' }),
    );
    await transitions.announce(missed);
    expect(await get(id)).toMatchObject({ status: 'missed' });
    const closed = await db.transaction((tx) =>
      transitions.apply(tx, id, { kind: 'close' }, { kind: 'system', reason: 'Closed after 24 h idle' }),
    );
    await transitions.announce(closed);
    expect(await get(id)).toMatchObject({ status: 'closed' });
    expect((await activity(id)).map((a) => [a.kind, a.actor, a.fromStatus, a.toStatus, a.reason])).toEqual([
      ['missed', null, 'waiting', 'missed', 'Nobody took it within 5 min'],
      ['closed', null, 'missed', 'closed', 'Closed after 24 h idle'],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['missed: Nobody took it within 5 min', 'closed: Closed after 24 h idle']);
  });

  it('refuses what the rules do not allow with a DomainError, and the caller’s transaction writes nothing', async () => {
    const id = await team.customerWrites('oRefused', 'hi');
    const activities = server.app.get(ConversationActivityRepository);
    const attempt = db.transaction(async (tx) => {
      // Something the caller writes in the same transaction…
      await activities.record(tx, {
        conversationId: id,
        kind: 'idle-warning',
        actorId: null,
        reason: 'Idle 20 h',
      });
      // …goes with the refused transition: a missed chat cannot be missed again after this one.
      await transitions.apply(tx, id, { kind: 'miss' }, { kind: 'system', reason: 'late' });
      await transitions.apply(tx, id, { kind: 'miss' }, { kind: 'system', reason: 'again' });
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'transition_not_allowed' });
    expect(await get(id)).toMatchObject({ status: 'waiting' });
    expect(await activity(id)).toEqual([]);

    // An agent action through `apply` is refused for the system, and vice versa.
    await expect(
      db.transaction((tx) => transitions.apply(tx, id, { kind: 'pick' }, { kind: 'system', reason: 'no' })),
    ).rejects.toMatchObject({ code: 'transition_not_allowed' });
  });

  it('records an idle warning without changing the state', async () => {
    const id = await team.customerWrites('oIdle', 'hi');
    const activities = server.app.get(ConversationActivityRepository);
    await db.transaction((tx) =>
      activities.record(tx, {
        conversationId: id,
        kind: 'idle-warning',
        actorId: null,
        reason: 'Idle for 20 h',
      }),
    );
    expect(await activity(id)).toEqual([
      expect.objectContaining({
        kind: 'idle-warning',
        actor: null,
        reason: 'Idle for 20 h',
        fromStatus: null,
      }),
    ]);
    expect((await get(id)).status).toBe('waiting');
  });
});
