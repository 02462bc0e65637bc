import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InboxSort } from '#contracts';
import { migrations } from '../../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { inboxCountsQuery, inboxPageQuery } from '../src/conversations/inbox/inbox.repository.js';
import { VIEW_RULES } from '../src/conversations/inbox/inbox-views.js';
import { openDatabase } from '../src/database/open-database.js';
import type { ChannelScope } from '../src/identity/access-scope.service.js';

const CONVERSATIONS = Number(process.env.INBOX_PLAN_CONVERSATIONS ?? 100_000);
const MESSAGES_PER_CONVERSATION = Number(process.env.INBOX_PLAN_MESSAGES_PER_CONVERSATION ?? 3);
const CHANNELS = 20;

/**
 * The inbox's queries on a seeded table (100,000 conversations, 5% of them open, across 20 channels): each
 * page is read from one of migration 1796084600002's indexes in its order, never by sorting the table, and
 * the counts never read the closed rows themselves. Set INBOX_PLAN_MESSAGES_PER_CONVERSATION=20 for the
 * benchmark's 2,000,000 messages (slower to seed; the plans are the same).
 */
describe('inbox query plans on a seeded table', () => {
  let database: TestDatabase;
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let agentId: string;
  let agentScope: ChannelScope;
  let departmentId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.url, dataDir: '' });
    expect(migrations.length).toBeGreaterThan(0);
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    [{ id: departmentId }] = await q(`INSERT INTO departments (name) VALUES ('Support') RETURNING id`);
    [{ id: agentId }] = await q(
      `INSERT INTO users (email, name, password_hash, role) VALUES ('a@example.com', 'A', 'x', 'agent') RETURNING id`,
    );
    await q(
      `INSERT INTO channels (kind, name, department_id)
       SELECT 'wechat-oa', 'Channel ' || n, CASE WHEN n % 2 = 0 THEN $1::uuid END FROM generate_series(1, $2) n`,
      [departmentId, CHANNELS],
    );
    const channels = (await q(`SELECT id FROM channels ORDER BY name`)) as Array<{ id: string }>;
    agentScope = { all: false, channelIds: channels.slice(0, 3).map((c) => c.id) };
    await q(
      `INSERT INTO contacts (channel_id, platform_user_id, display_name)
       SELECT (SELECT array_agg(id ORDER BY name) FROM channels)[1 + n % $2], 'o' || n, 'Customer ' || n
       FROM generate_series(1, $1) n`,
      [CONVERSATIONS, CHANNELS],
    );
    // One conversation per contact; one in twenty open (waiting, active or missed-like waiting), spread in time.
    await q(
      `INSERT INTO conversations (channel_id, contact_id, department_id, status, assignee_id, created_at,
                                  last_message_at, last_message_preview, last_customer_message_at, closed_at)
       SELECT ct.channel_id, ct.id, ch.department_id,
              CASE WHEN n % 20 = 0 THEN 'waiting' WHEN n % 20 = 1 THEN 'active' ELSE 'closed' END,
              CASE WHEN n % 20 = 1 AND n % 3 = 0 THEN $1::uuid END,
              t, t + interval '5 minutes', 'hello', t + interval '4 minutes',
              CASE WHEN n % 20 > 1 THEN t + interval '1 hour' END
       FROM (SELECT ct.*, row_number() OVER (ORDER BY ct.id) AS n,
                    now() - (random() * interval '365 days') AS t FROM contacts ct) ct
       JOIN channels ch ON ch.id = ct.channel_id`,
      [agentId],
    );
    await q(
      `INSERT INTO messages (conversation_id, contact_id, channel_id, direction, type, text, delivery_state, created_at)
       SELECT c.id, c.contact_id, c.channel_id, CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text',
              'message ' || k, CASE WHEN k % 2 = 0 THEN 'received' ELSE 'sent' END, c.created_at + k * interval '1 second'
       FROM conversations c CROSS JOIN generate_series(1, $1) k`,
      [MESSAGES_PER_CONVERSATION],
    );
    await q(`VACUUM ANALYZE`);
  }, 600_000);

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  async function plan(query: { sql: string; params: unknown[] }): Promise<{ text: string; ms: number }> {
    const rows = (await db.dataSource.query(
      `EXPLAIN (ANALYZE, FORMAT TEXT) ${query.sql}`,
      query.params,
    )) as Array<{
      'QUERY PLAN': string;
    }>;
    const text = rows.map((row) => row['QUERY PLAN']).join('\n');
    return { text, ms: Number(/Execution Time: ([\d.]+) ms/.exec(text)![1]) };
  }

  const timings: string[] = [];
  afterAll(() => {
    process.stdout.write(`inbox query times (ms, EXPLAIN ANALYZE):\n${timings.join('\n')}\n`);
  });

  // Missed chats cannot be stored before conv-workflow's states land: with none, any plan is instant.
  const cases: Array<[keyof typeof VIEW_RULES, InboxSort, string]> = [
    ['waiting', 'waiting', 'conversations_open_waiting_idx'],
    ['open', 'waiting', 'conversations_open_waiting_idx'],
    ['open', 'latest', 'conversations_open_latest_idx'],
    ['closed', 'latest', 'conversations_closed_latest_idx'],
  ];

  it.each(cases)('reads the %s view sorted by %s from %s, without sorting', async (view, sort, index) => {
    for (const scope of [{ all: true } as ChannelScope, agentScope]) {
      const first = await plan(inboxPageQuery(agentId, scope, VIEW_RULES[view], {}, sort, null, 51));
      timings.push(`${view}/${sort} ${scope.all ? 'all' : '3 channels'}: ${first.ms}`);
      expect(first.text).toContain(index);
      expect(first.text).not.toMatch(/Seq Scan on conversations|Sort Key: (coalesce|c\.last_message_at)/i);
    }
    const filtered = await plan(
      inboxPageQuery(agentId, agentScope, VIEW_RULES[view], { departmentId }, sort, null, 51),
    );
    expect(filtered.text).not.toMatch(/Seq Scan on conversations/);
  });

  it('reads the mine view from an index, with the participants, never scanning conversations', async () => {
    // Mine holds an agent's open chats (and those they were added to): a few dozen rows, sorted in memory.
    for (const sort of ['latest', 'waiting'] as const) {
      const mine = await plan(inboxPageQuery(agentId, agentScope, VIEW_RULES.mine, {}, sort, null, 51));
      timings.push(`mine/${sort}: ${mine.ms}`);
      expect(mine.text).toMatch(/Index (Only )?Scan using conversations_mine_idx/);
      expect(mine.text).toContain('conversation_participants');
      expect(mine.text).not.toMatch(/Seq Scan on conversations /);
    }
  });

  it('continues a page from the cursor inside the index', async () => {
    const after = {
      sort: 'latest' as const,
      key: new Date(Date.now() - 100 * 86_400_000).toISOString(),
      id: agentId,
    };
    const next = await plan(
      inboxPageQuery(agentId, { all: true }, VIEW_RULES.closed, {}, 'latest', after, 51),
    );
    expect(next.text).toContain('conversations_closed_latest_idx');
    expect(next.text).toMatch(/Index Cond: \(ROW\(last_message_at, id\) < ROW/);
  });

  it('counts the open views from the open rows and the closed view from an index alone', async () => {
    for (const scope of [{ all: true } as ChannelScope, agentScope]) {
      const counted = await plan(inboxCountsQuery(agentId, scope, {}));
      timings.push(`counts ${scope.all ? 'all' : '3 channels'}: ${counted.ms}`);
      expect(counted.text).toMatch(/Index Only Scan using conversations_closed_scope_idx/);
      expect(counted.text).not.toMatch(/Seq Scan on conversations/);
    }
  });
});
