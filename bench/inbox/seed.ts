import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashToken, newToken } from '../../apps/server/src/identity/session-tokens.js';

export interface SeedSize {
  conversations: number;
  messagesPerConversation: number;
  agents: number;
}

export interface SeededInbox {
  /** A session token of an agent associated with the first `agentChannels` channels only. */
  agentToken: string;
  agentChannelIds: string[];
  /** Conversations the scoped agent may open, and conversations of any channel (for the admin). */
  agentConversationIds: string[];
  anyConversationIds: string[];
  seconds: number;
}

/** Tables the seed fills: their secondary indexes are dropped during the load and built again after it. */
const LOADED_TABLES = ['contacts', 'conversations', 'messages'];

// Short customer and agent lines, some Chinese: the search index is built over them like over real text.
const TEXTS = [
  '你好，我的订单还没有发货',
  '请问什么时候可以退货？',
  'Hello, I have a question about my order',
  '好的，谢谢',
  '我们已经为您查询，请稍等',
  'The parcel was sent yesterday',
  '发票可以开吗',
  'Thanks, that helps',
];

/**
 * Fills a migrated database with an inbox at scale, in bulk: contacts, conversations and messages each from
 * one `INSERT … SELECT … generate_series` (no row-by-row inserts), with the tables' secondary indexes dropped
 * during the load and built again after it (one sort instead of millions of index insertions), then ANALYZE.
 * The channels and their departments exist already (made through the API); agents and their sessions are
 * written here (thousands of sign-ins would spend minutes hashing passwords).
 *
 * Shape: conversations spread evenly over the channels, one contact each; 10% waiting, 30% active
 * (assigned to the channel's agents), 60% closed; their last messages spread over the last 90 days;
 * messages alternate customer / agent, the customer's carrying a platform id.
 */
export async function seedInbox(
  databaseUrl: string,
  channelIds: string[],
  size: SeedSize,
  agentChannels: number,
): Promise<SeededInbox> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    // As a superuser, skip the foreign-key triggers during the load (the rows are made consistent by
    // construction): a third of the seed's time otherwise. Other users simply pay for the checks.
    await client.query(`SET session_replication_role = replica`).catch(() => undefined);
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relname = ANY($1) AND NOT x.indisprimary
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
      [LOADED_TABLES],
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);

    // The agents: `size.agents` spread over the channels round robin (associated, in its department), and
    // the scoped agent measured, associated with the first `agentChannels` channels.
    const agentIds = Array.from({ length: size.agents }, () => randomUUID());
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, role, presence)
       SELECT id, 'inbox-agent-' || n || '@bench.example', 'Agent ' || n, '!', 'agent', 'online'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [agentIds],
    );
    await client.query(
      `INSERT INTO channel_agents (channel_id, user_id)
       SELECT ($2::uuid[])[1 + (n - 1) % cardinality($2::uuid[])], id
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [agentIds, channelIds],
    );
    const scopedAgent = randomUUID();
    const agentChannelIds = channelIds.slice(0, agentChannels);
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, role, presence)
       VALUES ($1, 'inbox-measured-agent@bench.example', 'Measured agent', '!', 'agent', 'online')`,
      [scopedAgent],
    );
    await client.query(`INSERT INTO channel_agents (channel_id, user_id) SELECT unnest($2::uuid[]), $1`, [
      scopedAgent,
      agentChannelIds,
    ]);
    await client.query(
      `INSERT INTO user_departments (user_id, department_id)
       SELECT DISTINCT a.user_id, ch.department_id FROM channel_agents a JOIN channels ch ON ch.id = a.channel_id
       WHERE a.user_id = ANY($1::uuid[]) AND ch.department_id IS NOT NULL`,
      [[...agentIds, scopedAgent]],
    );
    const agentToken = newToken();
    await client.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
      [scopedAgent, hashToken(agentToken)],
    );

    // Contacts and conversations: number g belongs to channel g mod C; active ones to an agent of it.
    await client.query(
      `INSERT INTO contacts (channel_id, platform_user_id, display_name, profile_refreshed_at)
       SELECT ($2::uuid[])[1 + g % cardinality($2::uuid[])], 'o_inbox_' || g, '客户 ' || g || ' Customer', now()
       FROM generate_series(1, $1::int) g`,
      [size.conversations, channelIds],
    );
    await client.query(
      `WITH agents AS (
         SELECT channel_id, array_agg(user_id ORDER BY user_id) AS ids FROM channel_agents GROUP BY channel_id
       )
       INSERT INTO conversations (channel_id, contact_id, department_id, status, assignee_id, created_at,
                                  last_message_at, last_message_preview, last_customer_message_at, closed_at,
                                  waiting_since)
       SELECT ct.channel_id, ct.id, ch.department_id, s.status,
              CASE WHEN s.status <> 'waiting' THEN a.ids[1 + s.g % cardinality(a.ids)] END,
              s.last_at - make_interval(mins => $1::int), s.last_at, $2::text, s.last_at,
              CASE WHEN s.status = 'closed' THEN s.last_at END,
              CASE WHEN s.status = 'waiting' THEN s.last_at - make_interval(mins => $1::int) END
       FROM contacts ct
       JOIN channels ch ON ch.id = ct.channel_id
       JOIN agents a ON a.channel_id = ct.channel_id
       CROSS JOIN LATERAL (
         SELECT substr(ct.platform_user_id, 9)::int AS g,
                CASE WHEN substr(ct.platform_user_id, 9)::int % 10 = 0 THEN 'waiting'
                     WHEN substr(ct.platform_user_id, 9)::int % 10 < 4 THEN 'active'
                     ELSE 'closed' END AS status,
                now() - make_interval(secs => ((hashint4(substr(ct.platform_user_id, 9)::int)::bigint & 2147483647) % 7776000)::double precision) AS last_at
       ) s
       WHERE ct.platform_user_id LIKE 'o_inbox_%'`,
      [size.messagesPerConversation, TEXTS[0]],
    );
    // Messages: each conversation's `messagesPerConversation`, a minute apart, ending at its last message,
    // in storage order (seq) conversation by conversation as they would have been written.
    await client.query(
      `INSERT INTO messages (conversation_id, contact_id, channel_id, direction, type, text, payload,
                             platform_message_id, delivery_state, sender_agent_id, created_at)
       SELECT c.id, c.contact_id, c.channel_id,
              CASE WHEN i % 2 = 1 THEN 'inbound' ELSE 'outbound' END, 'text',
              ($2::text[])[1 + (i + (hashtext(c.id::text)::bigint & 2147483647)) % cardinality($2::text[])], '{}'::jsonb,
              CASE WHEN i % 2 = 1 THEN 'pm_' || c.id || '_' || i END,
              CASE WHEN i % 2 = 1 THEN 'received' ELSE 'sent' END,
              CASE WHEN i % 2 = 0 THEN c.assignee_id END,
              c.last_message_at - make_interval(mins => $1::int - i)
       FROM conversations c CROSS JOIN generate_series(1, $1::int) i
       ORDER BY c.last_message_at, c.id, i`,
      [size.messagesPerConversation, TEXTS],
    );
    await client.query(`SET session_replication_role = DEFAULT`).catch(() => undefined);
    for (const index of indexes) await client.query(index.definition);
    for (const table of [...LOADED_TABLES, 'users', 'channel_agents', 'sessions']) {
      await client.query(`VACUUM ANALYZE ${table}`);
    }

    const pick = async (sql: string, params: unknown[]) =>
      (await client.query<{ id: string }>(sql, params)).rows.map((r) => r.id);
    const agentConversationIds = await pick(
      `SELECT id FROM conversations WHERE channel_id = ANY($1::uuid[]) ORDER BY hashtext(id::text) LIMIT 500`,
      [agentChannelIds],
    );
    const anyConversationIds = await pick(
      `SELECT id FROM conversations ORDER BY hashtext(id::text) LIMIT 500`,
      [],
    );
    return {
      agentToken,
      agentChannelIds,
      agentConversationIds,
      anyConversationIds,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.end();
  }
}
