import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LiveClient } from './support/live-client.js';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';
import { buildServer, SpawnedServer } from './support/spawned-server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * NF2 with RT1/RT2: two server processes on one PostgreSQL and one Redis (the Socket.IO adapter). WeChat
 * calls process A; the agent is connected to process B. Live events cross through the event log; room
 * changes and disconnections made in one process reach sockets of the other through the Redis adapter.
 */
describe('live events with two server processes and the Redis adapter', () => {
  let product: Product;
  let desk: OaDesk;
  let processB: SpawnedServer;
  const clients: LiveClient[] = [];

  const connect = async (url: string, token = desk.agentToken) => {
    const client = await LiveClient.connect(url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    buildServer();
    // Its own channel prefix: other installations may share this Redis.
    const env = { REDIS_URL, REDIS_PREFIX: `desk-test-${randomBytes(4).toString('hex')}` };
    product = await startProduct({ env });
    desk = await OaDesk.open(product);
    processB = await SpawnedServer.start(product.env);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await processB?.stop();
    await desk?.close();
    await product?.stop();
  });

  it('delivers a customer message taken in by process A to an agent connected to process B', async () => {
    const agent = await connect(processB.url);
    expect(await agent.catchUp(null)).toMatchObject({ status: 'resync', reason: 'no-position' });
    const { conversationId } = await desk.customerWhoWrote(desk.demo, '你好，从 A 到 B');
    const live = await agent.next('message.created', (p) => p.message.text === '你好，从 A 到 B');
    expect(live.conversationId).toBe(conversationId);
    await agent.next('conversation.updated', (p) => p.conversation.id === conversationId);
    // The callback went to A: B never saw it.
    expect(desk.product.seed.channel.callbackUrl.startsWith(product.serverUrl)).toBe(true);
  });

  it('gives an agent who reconnects to the other process exactly what they missed, once', async () => {
    const agent = await connect(processB.url);
    const customer = await desk.customerWhoWrote(desk.demo, 'seen on B');
    await agent.next('message.created', (p) => p.message.text === 'seen on B');
    const since = agent.lastSeq();
    agent.close();

    for (const text of ['missed 1', 'missed 2', 'missed 3']) await desk.customerSays(customer.openid, text);
    await desk.until(
      () => desk.sql(`SELECT 1 FROM realtime_events WHERE payload->'message'->>'text' = 'missed 3'`),
      (rows) => rows.length === 1,
    );

    const onA = await connect(product.serverUrl);
    const result = await onA.catchUp(since);
    if (result.status !== 'events') throw new Error(JSON.stringify(result));
    const created = result.events.flatMap((r) =>
      r.event === 'message.created' ? [r.payload.message.text] : [],
    );
    expect(created).toEqual(['missed 1', 'missed 2', 'missed 3']);
    const seqs = result.events.map((r) => r.payload.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(onA.received.filter((r) => r.event === 'message.created')).toEqual([]);
  });

  it('moves a socket on B out of a channel’s room when process A removes the association, and back', async () => {
    const agent = await connect(processB.url);
    const customer = await desk.customerWhoWrote(desk.demo, 'before the change');
    await agent.next('message.created', (p) => p.message.text === 'before the change');
    const admin = product.admin.token;
    const channel = `/api/channels/${desk.demo.channelId}/agents`;

    expect((await desk.api('PUT', channel, { agentIds: [] }, admin)).status).toBe(200);

    // The room change travels from A to B through Redis, a moment after the API answered. Each probe is a
    // customer message followed, once it is in the log, by an event the agent must get (their own presence):
    // when that arrives and the probe has not, the probe was not sent to this socket.
    let presence: 'away' | 'online' = 'away';
    const probeDelivered = async (text: string): Promise<boolean> => {
      await desk.customerSays(customer.openid, text);
      const [row] = await desk.until(
        () =>
          desk.sql<{ seq: string }>(
            `SELECT seq::text FROM realtime_events WHERE payload->'message'->>'text' = $1`,
            [text],
          ),
        (rows) => rows.length === 1,
      );
      presence = presence === 'away' ? 'online' : 'away';
      await desk.api('PUT', '/api/me/presence', { presence }, desk.agentToken);
      await agent.next('presence.changed', (p) => p.seq > Number(row.seq));
      return agent.payloads('message.created').some((p) => p.message.text === text);
    };
    let probe = 0;
    await desk.until(
      () => probeDelivered(`probe ${++probe}`),
      (delivered) => !delivered,
      10_000,
    );
    // And it stays that way.
    expect(await probeDelivered('not for you any more')).toBe(false);

    expect((await desk.api('PUT', channel, { agentIds: [product.agent.id] }, admin)).status).toBe(200);
    await desk.api('PUT', '/api/me/presence', { presence: 'online' }, desk.agentToken);
    await desk.until(
      async () => {
        await desk.customerSays(customer.openid, 'welcome back');
        return agent.payloads('message.created').some((p) => p.message.text === 'welcome back');
      },
      (back) => back,
    );
    expect(agent.disconnectReasons).toEqual([]);
  });

  it('closes the socket on B when the session is signed out through A', async () => {
    const token = await product.login(product.agent.email, product.agent.password);
    const agent = await connect(processB.url, token);
    const logout = await fetch(`${product.serverUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBeLessThan(300);
    expect(await agent.closedByServer()).toBe('io server disconnect');
  });
});
