import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelView, DepartmentView } from '#contracts';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { DomainEvents } from '../src/common/domain-events.js';
import {
  ConversationIngestService,
  type IngestResult,
} from '../src/conversations/conversation-ingest.service.js';
import type { InboundMessage } from '../src/conversations/inbound-message.js';
import { CallbackLogRepository } from '../src/channels/callback-log/callback-log.repository.js';
import { BatchTransactions } from '../src/database/batch-transactions.js';
import type { SqlExecutor } from '../src/database/sql.js';

async function oaChannel(server: TestServer, token: string, name: string): Promise<ChannelView> {
  const department = await server.request<DepartmentView>('POST', '/api/departments', {
    token,
    body: { name: `${name} team` },
  });
  const created = await server.request<ChannelView>('POST', '/api/channels', {
    token,
    body: {
      kind: 'wechat-oa',
      name,
      departmentId: department.body.id,
      config: {
        appId: 'wx1111222233334444',
        appSecret: 'a'.repeat(32),
        token: 'token123',
        originalId: 'gh_batch0test',
        encryptionMode: 'plaintext',
      },
    },
  });
  expect(created.status).toBe(201);
  return created.body;
}

const textFrom = (
  channel: ChannelView,
  person: string,
  id: string,
  words = `text ${id}`,
): InboundMessage => ({
  channelId: channel.id,
  platformMessageId: id,
  sender: { platformUserId: person, fallbackDisplayName: `Batch_${person}` },
  replyWindowEffect: 'opens',
  content: { type: 'text', text: words },
  opensConversation: true,
  payload: {},
  sentAt: new Date(),
});

/** Counts the batch transactions a server opens (the real ones run; this only watches). */
function countBatches(server: TestServer): { readonly count: number } {
  const transactions = server.app.get(BatchTransactions);
  const begin = transactions.begin.bind(transactions);
  const counter = { count: 0 };
  transactions.begin = () => {
    counter.count += 1;
    return begin();
  };
  return counter;
}

/**
 * The group commit of the callback path (InboundGroupCommit) against real PostgreSQL: callbacks that arrive
 * together share one transaction, and what a callback is promised still holds for each of them — stored once
 * per platform id, stored before it is answered, never lost because another message of its batch failed.
 */
describe('group commit of inbound messages', () => {
  let server: TestServer;
  let token: string;
  let channel: ChannelView;
  let ingest: ConversationIngestService;
  let db: pg.Client;
  let watched: { readonly count: number };

  beforeAll(async () => {
    server = await startServer();
    token = await server.login(server.admin.email, server.admin.password);
    channel = await oaChannel(server, token, 'Batch test');
    ingest = server.app.get(ConversationIngestService);
    watched = countBatches(server);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  const storedTexts = async (ids: string[]) =>
    (
      await db.query<{ platform_message_id: string; n: number }>(
        `SELECT platform_message_id, count(*)::int AS n FROM messages
         WHERE channel_id = $1 AND platform_message_id = ANY($2) GROUP BY platform_message_id`,
        [channel.id, ids],
      )
    ).rows;
  const logEntries = async (id: string) =>
    (
      await db.query<{ verdict: string; result: string; message_id: string | null }>(
        `SELECT verdict, result, message_id FROM callback_log WHERE channel_id = $1 AND platform_message_id = $2
         ORDER BY id`,
        [channel.id, id],
      )
    ).rows;
  // The flight recorder's own insert, in the batch's transaction as the OA callback path does it.
  const record = (id: string) => async (result: IngestResult, tx: SqlExecutor | null) => {
    expect(tx).not.toBeNull();
    await server.app.get(CallbackLogRepository).insert(
      {
        channelId: channel.id,
        messageType: 'text',
        eventType: null,
        verdict: result.duplicate ? 'duplicate' : 'new',
        result: 'stored',
        reason: null,
        platformMessageId: id,
        messageId: result.messageId,
        encrypted: false,
        bodyBytes: 0,
        payload: {},
        bodyPrefix: null,
        reingestOf: null,
      },
      tx,
    );
  };

  it('writes callbacks that arrive together in one transaction', async () => {
    const before = watched.count;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ingest.ingest(textFrom(channel, `oTogether${i % 4}`, `together-${i}`), null),
      ),
    );
    expect(watched.count - before).toBe(1);
    expect(results.every((r) => !r.duplicate)).toBe(true);
    const stored = await storedTexts(results.map((_, i) => `together-${i}`));
    expect(stored).toHaveLength(12);
    // Four people, one open conversation each, their messages in the order they arrived.
    const { rows } = await db.query<{ person: string; texts: string[] }>(
      `SELECT ct.platform_user_id AS person, array_agg(m.text ORDER BY m.seq) AS texts
       FROM messages m JOIN contacts ct ON ct.id = m.contact_id
       WHERE m.channel_id = $1 AND m.platform_message_id LIKE 'together-%' GROUP BY 1 ORDER BY 1`,
      [channel.id],
    );
    expect(rows).toEqual([
      { person: 'oTogether0', texts: ['text together-0', 'text together-4', 'text together-8'] },
      { person: 'oTogether1', texts: ['text together-1', 'text together-5', 'text together-9'] },
      { person: 'oTogether2', texts: ['text together-2', 'text together-6', 'text together-10'] },
      { person: 'oTogether3', texts: ['text together-3', 'text together-7', 'text together-11'] },
    ]);
    const conversations = await db.query(
      `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
       WHERE ct.platform_user_id LIKE 'oTogether%'`,
    );
    expect(conversations.rowCount).toBe(4);
  });

  it('stores the same callback sent 3 times concurrently once, within one batch', async () => {
    const before = watched.count;
    const message = textFrom(channel, 'oSameBatch', 'same-batch-1');
    const results = await Promise.all(
      [1, 2, 3].map(() => ingest.ingest(message, null, { record: record('same-batch-1') })),
    );
    expect(watched.count - before).toBe(1);
    const fresh = results.filter((r) => !r.duplicate);
    expect(fresh).toHaveLength(1);
    const stored = fresh[0] as IngestResult & { duplicate: false };
    expect(results.filter((r) => r.duplicate).map((r) => r.messageId)).toEqual([
      stored.messageId,
      stored.messageId,
    ]);
    expect(await storedTexts(['same-batch-1'])).toEqual([{ platform_message_id: 'same-batch-1', n: 1 }]);
    expect((await logEntries('same-batch-1')).map((e) => e.verdict).sort()).toEqual([
      'duplicate',
      'duplicate',
      'new',
    ]);
  });

  it('stores the same callback once when its copies land in different batches in flight at once', async () => {
    const before = watched.count;
    const message = textFrom(channel, 'oAcross', 'across-1');
    const first = ingest.ingest(message, null);
    // The next turn of the event loop: the first batch is being written, these go into others.
    await new Promise((resolve) => setImmediate(resolve));
    const second = ingest.ingest(message, null);
    await new Promise((resolve) => setImmediate(resolve));
    const third = ingest.ingest(message, null);
    const results = await Promise.all([first, second, third]);
    expect(watched.count - before).toBeGreaterThanOrEqual(2);
    expect(results.map((r) => r.duplicate)).toEqual([false, true, true]);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(await storedTexts(['across-1'])).toEqual([{ platform_message_id: 'across-1', n: 1 }]);
  });

  it('a message the database refuses fails alone: the others of its batch are stored and answered', async () => {
    const ids = ['refused-ok-1', 'refused-bad', 'refused-ok-2', 'refused-ok-3'];
    const settled = await Promise.allSettled(
      ids.map((id, i) =>
        // PostgreSQL refuses text containing NUL: the second statement of the batch fails, aborting it.
        ingest.ingest(
          textFrom(channel, `oRefused${i % 2}`, id, id === 'refused-bad' ? 'bad\u0000text' : id),
          null,
          {
            record: record(id),
          },
        ),
      ),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/0x00|invalid byte sequence/);
    expect((await storedTexts(ids)).map((r) => r.platform_message_id).sort()).toEqual(
      ['refused-ok-1', 'refused-ok-2', 'refused-ok-3'].sort(),
    );
    // Each stored message has exactly one log entry (the failed batch's entries were rolled back with it).
    for (const id of ['refused-ok-1', 'refused-ok-2', 'refused-ok-3']) {
      expect((await logEntries(id)).map((e) => e.verdict)).toEqual(['new']);
    }
    expect(await logEntries('refused-bad')).toEqual([]);
  });

  it('a record that fails fails its own message only, and leaves nothing of it', async () => {
    const settled = await Promise.allSettled([
      ingest.ingest(textFrom(channel, 'oRecordA', 'record-ok'), null, { record: record('record-ok') }),
      ingest.ingest(textFrom(channel, 'oRecordB', 'record-bad'), null, {
        record: async () => {
          throw new Error('recorder is down');
        },
      }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
    expect(await storedTexts(['record-ok', 'record-bad'])).toEqual([
      { platform_message_id: 'record-ok', n: 1 },
    ]);
    const { rowCount } = await db.query(
      `SELECT 1 FROM contacts ct JOIN conversations c ON c.contact_id = ct.id WHERE ct.platform_user_id = 'oRecordB'`,
    );
    expect(rowCount).toBe(0);
  });

  it('tells agents after commit, from the rows of the transaction', async () => {
    const seen: Array<Promise<string>> = [];
    let listening = true;
    // The listener looks on another connection: the message it is told about must already be committed.
    server.app.get(DomainEvents).on('message.created', (e) => {
      if (!listening || !e.message.text?.startsWith('announced ')) return;
      seen.push(
        db
          .query('SELECT 1 FROM messages WHERE id = $1', [e.message.id])
          .then((r) => `${e.message.text}: ${r.rowCount === 1 ? 'committed' : 'not visible'}`),
      );
    });
    try {
      await Promise.all([
        ingest.ingest(textFrom(channel, 'oAnnounce', 'announce-1', 'announced first'), null),
        ingest.ingest(textFrom(channel, 'oAnnounce', 'announce-2', 'announced second'), null),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await Promise.all(seen)).toEqual(['announced first: committed', 'announced second: committed']);
    } finally {
      listening = false;
    }
  });

  describe('two server processes on one database', () => {
    let other: TestServer;

    beforeAll(async () => {
      other = await startServer({}, { sharedDatabaseUrl: server.databaseUrl });
    }, 60_000);

    afterAll(() => other?.stop());

    it('stores each platform id once when both processes ingest the same messages of the same people at once', async () => {
      const otherIngest = other.app.get(ConversationIngestService);
      const messages = Array.from({ length: 40 }, (_, i) =>
        textFrom(channel, `oShared${i % 5}`, `shared-${i}`),
      );
      // Each message three times: once to this process, twice to the other, in opposite orders, so that
      // the processes' batches lock the same contacts and race for the same ids.
      const results = await Promise.all([
        ...messages.map((m) => ingest.ingest(m, null)),
        ...[...messages].reverse().map((m) => otherIngest.ingest(m, null)),
        ...messages.map((m) => otherIngest.ingest(m, null)),
      ]);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(40);
      const stored = await storedTexts(messages.map((m) => m.platformMessageId));
      expect(stored).toHaveLength(40);
      expect(stored.every((r) => r.n === 1)).toBe(true);
      const open = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
         WHERE ct.platform_user_id LIKE 'oShared%' AND c.status <> 'closed'`,
      );
      expect(open.rows[0].n).toBe(5);
    }, 60_000);
  });
});

describe('group commit on the embedded database (PGlite)', () => {
  let dataDir: string;
  let server: TestServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'desk-batch-embedded-'));
    server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores concurrent callbacks, each platform id once, through the serial fallback', async () => {
    const token = await server.login(server.admin.email, server.admin.password);
    const channel = await oaChannel(server, token, 'Embedded batch');
    const ingest = server.app.get(ConversationIngestService);
    const messages = Array.from({ length: 10 }, (_, i) =>
      textFrom(channel, `oEmbedded${i % 3}`, `embedded-${i}`),
    );
    const results = await Promise.all([...messages, ...messages].map((m) => ingest.ingest(m, null)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(10);
    const [counts] = (await server.app
      .get(DataSource)
      .query(
        `SELECT count(DISTINCT platform_message_id)::int AS ids, count(*)::int AS total FROM messages`,
      )) as Array<{
      ids: number;
      total: number;
    }>;
    expect(counts).toEqual({ ids: 10, total: 10 });
  }, 60_000);
});
