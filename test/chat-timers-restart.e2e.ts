import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';
import { buildServer, SpawnedServer } from './support/spawned-server.js';

const COUNT = 600;
const GOODBYE = '感谢您的咨询，再见';

/**
 * PF4: the chat timers survive a server process killed in the middle of a sweep. Many idle chats are due;
 * a built server process (a real OS process, on its real clock) starts closing them and is killed with
 * `kill -9` part-way. Each chat is then either closed completely (status, the activity with its reason and
 * the closing message, together) or untouched; a second process finishes the rest, and every chat ends up
 * closed exactly once.
 */
describe('chat timers across a crash', () => {
  let product: Product;
  let desk: OaDesk;
  const processes: SpawnedServer[] = [];

  beforeAll(async () => {
    buildServer();
    product = await startProduct();
    desk = await OaDesk.open(product);
    const saved = await desk.api(
      'PUT',
      `/api/preferences/departments/${product.seed.department.id}`,
      {
        autoTicket: false,
        ticketTimer: { mode: 'never' },
        missedAfterMinutes: 60,
        missedClose: { enabled: false, afterMinutes: 60 },
        idleClose: { enabled: true, afterMinutes: 30, warnBeforeMinutes: 0, closingMessage: GOODBYE },
        leaveMessage: { enabled: false, reply: 'x' },
        queueLimit: null,
        businessHours: null,
      },
      product.admin.token,
    );
    expect(saved.status).toBe(200);
    // Only the spawned processes sweep from here on.
    await product.stopServer();
  }, 180_000);

  afterAll(async () => {
    for (const server of processes) await server.stop();
    await desk?.close();
    await product?.stop();
  });

  /** Per chat: its status, how many closes its activity records, how many closing messages it has. */
  const outcome = () =>
    desk.sql<{ status: string; closes: number; goodbyes: number }>(
      `SELECT c.status,
              (SELECT count(*)::int FROM conversation_activities a
               WHERE a.conversation_id = c.id AND a.kind = 'closed' AND a.reason = 'Closed after 30 min idle') AS closes,
              (SELECT count(*)::int FROM messages m
               WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.text = $1) AS goodbyes
       FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
       WHERE ct.platform_user_id LIKE 'crash-%'`,
      [GOODBYE],
    );

  it('a sweep killed part-way leaves each chat closed completely or not at all; a restart finishes, once each', async () => {
    await desk.sql(
      `WITH people AS (
         INSERT INTO contacts (channel_id, platform_user_id, display_name)
         SELECT $1, 'crash-' || i, 'Crash ' || i FROM generate_series(1, $3::int) i RETURNING id
       )
       INSERT INTO conversations (channel_id, contact_id, department_id, status, assignee_id, last_message_at,
                                  last_customer_message_at, idle_close_after_minutes, idle_warn_before_minutes)
       SELECT $1, id, $2, 'active', $4, now() - interval '31 minutes', now() - interval '31 minutes', 30, 0
       FROM people`,
      [product.seed.channel.id, product.seed.department.id, COUNT, product.agent.id],
    );

    const first = await SpawnedServer.start({ ...product.env, TIMER_SWEEP_SECONDS: '1' });
    processes.push(first);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if ((await outcome()).filter((c) => c.status === 'closed').length >= 20) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await first.stop('SIGKILL');

    const afterKill = await outcome();
    const closed = afterKill.filter((c) => c.status === 'closed').length;
    expect(closed).toBeGreaterThan(0);
    expect(closed).toBeLessThan(COUNT); // killed mid-sweep, not after it
    const halfDone = afterKill.filter((c) =>
      c.status === 'closed' ? c.closes !== 1 || c.goodbyes !== 1 : c.closes !== 0 || c.goodbyes !== 0,
    );
    expect(halfDone).toEqual([]);

    const second = await SpawnedServer.start({ ...product.env, TIMER_SWEEP_SECONDS: '1' });
    processes.push(second);
    const finishBy = Date.now() + 90_000;
    let final = await outcome();
    while (final.some((c) => c.status !== 'closed') && Date.now() < finishBy) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      final = await outcome();
    }
    expect(final).toHaveLength(COUNT);
    expect(final.filter((c) => c.status !== 'closed' || c.closes !== 1 || c.goodbyes !== 1)).toEqual([]);
  }, 240_000);
});
