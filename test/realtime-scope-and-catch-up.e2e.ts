import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DepartmentView, LiveEventRecord, LivePayload, UserView } from '#contracts';
import { EventLogPruner } from '../apps/server/src/realtime/event-log-pruner.js';
import { LiveClient } from './support/live-client.js';
import { OaDesk, type OaAccountFixture } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * RT1/RT2 against the real server, PostgreSQL and the simulator: each socket receives what its user may see
 * now (channel associations, departments, role), joins to conversations are checked, and a console that was
 * disconnected gets exactly what it missed, once and in order.
 *
 * Nothing here waits for "no event": to show that an event did not arrive, the test waits until it is in
 * the log, then makes a later event that the socket must receive. One process hands events to its sockets
 * in `seq` order, so once the later one is there, the earlier one would have been.
 */
describe('live events: rooms, scope and catch-up', () => {
  let product: Product;
  let desk: OaDesk;
  let other: OaAccountFixture;
  const clients: LiveClient[] = [];
  const tokens: Record<string, string> = {};

  const connect = async (token: string) => {
    const client = await LiveClient.connect(product.serverUrl, token);
    clients.push(client);
    return client;
  };

  /** The `seq` of a customer message once it is in the event log. */
  const loggedSeq = async (text: string): Promise<number> => {
    const [row] = await desk.until(
      () =>
        desk.sql<{ seq: string }>(
          `SELECT seq::text FROM realtime_events
           WHERE event = 'message.created' AND payload->'message'->>'text' = $1`,
          [text],
        ),
      (rows) => rows.length === 1,
    );
    return Number(row.seq);
  };

  const texts = (records: LiveEventRecord[]) =>
    records.flatMap((r) => (r.event === 'message.created' ? [r.payload.message.text] : []));

  const createUser = async (
    email: string,
    role: 'agent' | 'supervisor',
    departmentIds: string[],
  ): Promise<UserView> => {
    const response = await desk.api<UserView>(
      'POST',
      '/api/users',
      { email, name: email.split('@')[0], password: 'live-test-pass', role, departmentIds },
      product.admin.token,
    );
    if (response.status !== 201) throw new Error(`user: ${response.status} ${JSON.stringify(response.body)}`);
    tokens[email] = await product.login(email, 'live-test-pass');
    return response.body;
  };

  const setAgents = async (channelId: string, agentIds: string[]) => {
    const response = await desk.api(
      'PUT',
      `/api/channels/${channelId}/agents`,
      { agentIds },
      product.admin.token,
    );
    expect(response.status).toBe(200);
  };

  const setPresence = async (token: string, presence: 'online' | 'away') => {
    const response = await desk.api('PUT', '/api/me/presence', { presence }, token);
    expect(response.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    // A second Official Account of the same department, which the demo agent is not associated with.
    other = await desk.createOaChannel({ suffix: 'live-b' });
    await setAgents(other.channelId, []);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await desk?.close();
    await product?.stop();
  });

  it('gives a reconnecting agent exactly the events they missed, in order, and none of a channel they do not see', async () => {
    const agent = await connect(desk.agentToken);
    const first = await agent.catchUp(null);
    expect(first).toMatchObject({ status: 'resync', reason: 'no-position' });

    const regular = await desk.customerWhoWrote(desk.demo, 'before the break');
    await agent.next('message.created', (p) => p.message.text === 'before the break');
    const since = agent.lastSeq();
    agent.disconnect();

    const stranger = await desk.newCustomer(other);
    await desk.customerSays(regular.openid, 'missed 1');
    await loggedSeq('missed 1');
    await desk.customerSays(stranger, 'for another channel', other);
    await loggedSeq('for another channel');
    await desk.customerSays(regular.openid, 'missed 2');
    await loggedSeq('missed 2');
    const newcomer = await desk.customerWhoWrote(desk.demo, 'missed 3');
    const head = await loggedSeq('missed 3');

    await agent.reconnect();
    const result = await agent.catchUp(since);
    if (result.status !== 'events') throw new Error(`expected events, got ${JSON.stringify(result)}`);
    const seqs = result.events.map((r) => r.payload.seq);
    expect(seqs.every((seq, i) => seq > since && (i === 0 || seq > seqs[i - 1]))).toBe(true);
    expect(result.head).toBeGreaterThanOrEqual(head);
    expect(texts(result.events)).toEqual(['missed 1', 'missed 2', 'missed 3']);
    const conversations = new Set(
      result.events.map((r) =>
        r.event === 'conversation.updated'
          ? r.payload.conversation.id
          : (r.payload as { conversationId: string }).conversationId,
      ),
    );
    expect(conversations).toEqual(new Set([regular.conversationId, newcomer.conversationId]));
    // Each missed message brought its conversation's new state.
    expect(result.events.some((r) => r.event === 'conversation.updated')).toBe(true);
    expect(
      result.events.every((r) => r.event === 'message.created' || r.event === 'conversation.updated'),
    ).toBe(true);

    // Nothing came live while away, and the same position asked again gives the same answer.
    expect(texts(agent.received)).toEqual(['before the break']);
    const again = await agent.catchUp(since);
    expect(again.status === 'events' && again.events.map((r) => r.payload.seq)).toEqual(seqs);

    // Live again from there.
    await desk.customerSays(newcomer.openid, 'after the catch-up');
    const live = await agent.next('message.created', (p) => p.message.text === 'after the catch-up');
    expect(live.seq).toBeGreaterThan(result.head);
  });

  it('joins a conversation only when the user may see it, and sends its delivery updates to its viewers', async () => {
    const colleague = await createUser('colleague@example.com', 'agent', [product.seed.department.id]);
    await setAgents(desk.demo.channelId, [product.agent.id, colleague.id]);
    const viewer = await connect(tokens['colleague@example.com']);
    const outsider = await connect(desk.agentToken);

    const visible = await desk.customerWhoWrote(desk.demo, 'join me');
    const hidden = await desk.customerWhoWrote(other, 'not for you');

    expect(await outsider.join(hidden.conversationId)).toEqual({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('Conversation') },
    });
    expect(await outsider.join('not-a-uuid')).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    expect(await outsider.join('00000000-0000-4000-8000-000000000000')).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    // The author's own socket hears about every delivery of theirs: once it has this one, so would a viewer.
    const delivered = (id: string) =>
      outsider.next('message.updated', (p) => p.message.id === id && p.message.deliveryState === 'sent');

    const early = await desk.replyAndSettle(visible.conversationId, 'reply before joining');
    await delivered(early.id);
    expect(await viewer.join(visible.conversationId)).toEqual({ ok: true });
    const late = await desk.replyAndSettle(visible.conversationId, 'reply after joining');
    const update = await viewer.next(
      'message.updated',
      (p) => p.message.id === late.id && p.message.deliveryState === 'sent',
    );
    expect(update.conversationId).toBe(visible.conversationId);
    expect(viewer.payloads('message.updated').some((p) => p.message.id === early.id)).toBe(false);
    // New messages reach every agent of the channel, viewing or not.
    await outsider.next('message.created', (p) => p.message.text === 'join me');

    expect(await viewer.leave(visible.conversationId)).toEqual({ ok: true });
    const afterLeaving = await desk.replyAndSettle(visible.conversationId, 'reply after leaving');
    await delivered(afterLeaving.id);
    await desk.customerSays(visible.openid, 'barrier after leaving');
    await viewer.next('message.created', (p) => p.message.text === 'barrier after leaving');
    expect(viewer.payloads('message.updated').some((p) => p.message.id === afterLeaving.id)).toBe(false);
  });

  it('stops an agent’s events at once when their association is removed, and resumes when it is back, without reconnecting', async () => {
    const agent = await connect(desk.agentToken);
    const customer = await desk.customerWhoWrote(desk.demo, 'while associated');
    await agent.next('message.created', (p) => p.message.text === 'while associated');
    const since = agent.lastSeq();

    await setAgents(desk.demo.channelId, []);
    await desk.customerSays(customer.openid, 'after the removal');
    await loggedSeq('after the removal');
    await setPresence(desk.agentToken, 'away');
    await agent.next('presence.changed', (p) => p.userId === product.agent.id && p.presence === 'away');
    expect(texts(agent.received)).toEqual(['while associated']);
    // The replay follows the current scope too: the channel's events are not handed out afterwards.
    const replay = await agent.catchUp(since);
    expect(replay.status === 'events' && texts(replay.events)).toEqual([]);
    expect(replay.status === 'events' && replay.events.map((r) => r.event)).toEqual(['presence.changed']);

    await setAgents(desk.demo.channelId, [product.agent.id]);
    await setPresence(desk.agentToken, 'online');
    await agent.next('presence.changed', (p) => p.userId === product.agent.id && p.presence === 'online');
    await desk.customerSays(customer.openid, 'associated again');
    await agent.next('message.created', (p) => p.message.text === 'associated again');
    expect(agent.disconnectReasons).toEqual([]);
  });

  it('lets a supervisor follow their departments, and follows a channel routed to another department', async () => {
    const departments = await desk.api<DepartmentView>(
      'POST',
      '/api/departments',
      { name: 'Returns' },
      product.admin.token,
    );
    const returns = departments.body;
    await createUser('lead@example.com', 'supervisor', [product.seed.department.id]);
    const otherTeam = await createUser('returns-agent@example.com', 'agent', [returns.id]);
    const lead = await connect(tokens['lead@example.com']);
    const returnsAgent = await connect(tokens['returns-agent@example.com']);

    // The supervisor oversees every channel of the department, associated or not.
    const stranger = await desk.newCustomer(other);
    await desk.customerSays(stranger, 'to the department', other);
    await lead.next('message.created', (p) => p.message.text === 'to the department');

    // Presence goes to the members of the user's departments, not to other teams.
    await setPresence(desk.agentToken, 'away');
    await lead.next('presence.changed', (p) => p.userId === product.agent.id && p.presence === 'away');
    await setPresence(tokens['returns-agent@example.com'], 'away');
    await returnsAgent.next('presence.changed', (p) => p.userId === otherTeam.id);
    expect(returnsAgent.payloads('presence.changed').map((p) => p.userId)).toEqual([otherTeam.id]);
    await setPresence(desk.agentToken, 'online');

    // The channel moves to Returns: its events leave the supervisor's socket.
    const moved = await desk.api(
      'PATCH',
      `/api/channels/${other.channelId}`,
      { departmentId: returns.id },
      product.admin.token,
    );
    expect(moved.status).toBe(200);
    await desk.customerSays(stranger, 'routed elsewhere', other);
    await loggedSeq('routed elsewhere');
    await desk.customerWhoWrote(desk.demo, 'still the department');
    await lead.next('message.created', (p) => p.message.text === 'still the department');
    expect(texts(lead.received)).not.toContain('routed elsewhere');
    expect(lead.disconnectReasons).toEqual([]);

    await desk.api(
      'PATCH',
      `/api/channels/${other.channelId}`,
      { departmentId: product.seed.department.id },
      product.admin.token,
    );
  });

  it('disconnects a socket whose user changed role, and one whose session was revoked', async () => {
    const changing = await createUser('promoted@example.com', 'agent', [product.seed.department.id]);
    const socket = await connect(tokens['promoted@example.com']);
    const promoted = await desk.api(
      'PATCH',
      `/api/users/${changing.id}`,
      { role: 'supervisor' },
      product.admin.token,
    );
    expect(promoted.status).toBe(200);
    expect(await socket.closedByServer()).toBe('io server disconnect');
    // The next handshake works out the new scope: a supervisor sees the department's other channel.
    await socket.reconnect();
    const stranger = await desk.newCustomer(other);
    await desk.customerSays(stranger, 'seen by the new supervisor', other);
    await socket.next('message.created', (p) => p.message.text === 'seen by the new supervisor');

    const logout = await desk.api('POST', '/api/auth/logout', undefined, tokens['promoted@example.com']);
    expect(logout.status).toBeLessThan(300);
    await socket.closedByServer();
    await expect(socket.reconnect()).rejects.toThrow('unauthorized');
  });

  it('answers resync when the position is unknown, too old for the log, or too far behind', async () => {
    const agent = await connect(desk.agentToken);
    const head = (await agent.catchUp(null)).head;
    expect(await agent.catchUp(head + 1000)).toEqual({ status: 'resync', reason: 'unknown-position', head });
    expect(await agent.catchUp(-1)).toMatchObject({ status: 'resync', reason: 'no-position' });
    expect(await agent.catchUp(head)).toEqual({ status: 'events', events: [], head });

    // More than the replay limit for this user: reloading is cheaper.
    const flood = Array.from({ length: 1001 }, (_, i) => ({
      event: 'presence.changed',
      payload: { userId: product.agent.id, presence: 'online', reason: null, n: i },
      rooms: [`user:${product.agent.id}`],
    }));
    await desk.sql(`SELECT realtime_append($1::json, 'test')`, [JSON.stringify(flood)]);
    expect(await agent.catchUp(head)).toMatchObject({ status: 'resync', reason: 'too-many' });

    // Older than the retention (an hour by default): pruned in the background, then "expired".
    await desk.sql(`UPDATE realtime_events SET at = now() - interval '2 hours' WHERE seq <= $1`, [
      head + 500,
    ]);
    const pruned = await product.app.get(EventLogPruner).pruneNow();
    expect(pruned).toBeGreaterThan(0);
    const [state] = await desk.sql<{ pruned_through: string }>(
      `SELECT pruned_through::text FROM realtime_event_log`,
    );
    expect(Number(state.pruned_through)).toBe(head + 500);
    expect(await agent.catchUp(head)).toMatchObject({ status: 'resync', reason: 'expired' });
    const fromPruned = await agent.catchUp(head + 500);
    expect(fromPruned.status === 'events' && fromPruned.events.length).toBe(501);
    const payload =
      fromPruned.status === 'events'
        ? (fromPruned.events[0].payload as LivePayload<'presence.changed'>)
        : null;
    expect(payload?.seq).toBe(head + 501);
  });
});
