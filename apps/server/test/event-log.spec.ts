import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { openDatabase, type Database } from '../src/database/open-database.js';
import { EventLogRepository } from '../src/realtime/event-log.repository.js';
import type { LiveEvent, LoggedEvent } from '../src/realtime/live-events.js';
import { LiveTail } from '../src/realtime/live-tail.js';

const presence = (userId: string, n: number): LiveEvent => ({
  event: 'presence.changed',
  payload: { userId, presence: n % 2 ? 'away' : 'online', reason: null },
  rooms: [`user:${userId}`, `department:d${n % 3}`],
});

/**
 * The live event log against a real PostgreSQL: `seq` follows commit order across writers (two connection
 * pools, as two server processes have), so a reader tailing it concurrently never skips an event; catch-up
 * windows filter by room and agree with their head; pruning removes a prefix.
 */
describe('the live event log on PostgreSQL', () => {
  let database: TestDatabase;
  let processA: Database;
  let processB: Database;
  let logA: EventLogRepository;
  let logB: EventLogRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    processA = await openDatabase({ databaseUrl: database.url, dataDir: '' });
    processB = await openDatabase({ databaseUrl: database.url, dataDir: '' });
    logA = new EventLogRepository(processA.dataSource);
    logB = new EventLogRepository(processB.dataSource);
  }, 60_000);

  afterAll(async () => {
    await processA?.close();
    await processB?.close();
    await database?.drop();
  });

  it('numbers concurrent batches from two processes without gaps, and a concurrent tail reads every event once, in order', async () => {
    const start = await logA.head();
    const read: LoggedEvent[] = [];
    const tail = new LiveTail(
      logA,
      (event) => read.push(event),
      (error) => {
        throw error;
      },
    );
    await tail.start();
    let writing = true;
    const reader = (async () => {
      while (writing) await tail.wake();
      await tail.wake();
    })();

    // 2 processes × 20 writers × 10 batches of 1–5 events, all at once.
    const written = await Promise.all(
      [logA, logB].flatMap((log, p) =>
        Array.from({ length: 20 }, async (_, w) => {
          const batches: Array<{ previous: number; size: number }> = [];
          for (let b = 0; b < 10; b++) {
            const size = 1 + ((w + b) % 5);
            const batch = Array.from({ length: size }, (_, i) => presence(`p${p}w${w}`, b * 10 + i));
            batches.push({ previous: await log.append(batch, `process-${p}`), size });
          }
          return batches;
        }),
      ),
    );
    writing = false;
    await reader;

    const total = written.flat().reduce((sum, b) => sum + b.size, 0);
    const numbers = written
      .flat()
      .flatMap(({ previous, size }) => Array.from({ length: size }, (_, i) => previous + i + 1))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => start + i + 1));
    expect(read.map((e) => e.seq)).toEqual(numbers);
    // Each writer's own events kept their order.
    const byWriter = new Map<string, number[]>();
    for (const event of read) {
      const payload = event.payload as { userId: string; seq: number };
      byWriter.set(payload.userId, [...(byWriter.get(payload.userId) ?? []), payload.seq]);
    }
    for (const seqs of byWriter.values()) expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  }, 60_000);

  it('answers a catch-up window with the events for the given rooms after `since`, and the head of the same moment', async () => {
    const since = await logA.head();
    await logA.append([presence('ann', 1), presence('bob', 2), presence('ann', 3)], 'test');
    await logB.append([{ ...presence('cat', 4), rooms: ['channel:x', 'channels:all'] }], 'test');
    const window = await logB.window(since, ['user:ann', 'channel:x'], 10);
    expect(window.head).toBe(since + 4);
    expect(window.events.map((e) => [e.seq, e.rooms[0]])).toEqual([
      [since + 1, 'user:ann'],
      [since + 3, 'user:ann'],
      [since + 4, 'channel:x'],
    ]);
    expect(window.events[0].payload).toEqual({
      userId: 'ann',
      presence: 'away',
      reason: null,
      seq: since + 1,
    });
    const limited = await logB.window(since, ['user:ann', 'channel:x'], 2);
    expect(limited.events.map((e) => e.seq)).toEqual([since + 1, since + 3]);
    expect((await logA.window(since + 4, ['user:ann'], 10)).events).toEqual([]);
  });

  it('prunes only a prefix older than the retention, and keeps numbering after it', async () => {
    const head = await logA.head();
    await processA.dataSource.query(
      `UPDATE realtime_events SET at = now() - interval '2 hours' WHERE seq <= $1`,
      [head - 2],
    );
    expect(await logA.prune(60, 100_000)).toBe(head - 2);
    const window = await logA.window(0, ['user:ann', 'channel:x', 'user:bob', 'user:p0w0'], 100_000);
    expect(window.prunedThrough).toBe(head - 2);
    expect(window.events.map((e) => e.seq)).toEqual([head - 1, head]);
    // Nothing is old enough any more.
    expect(await logA.prune(60, 100_000)).toBe(0);

    await processA.dataSource.query(`UPDATE realtime_events SET at = now() - interval '2 hours'`);
    await logA.prune(60, 100_000);
    expect(await logA.head()).toBe(head);
    expect(await logB.append([presence('dan', 5)], 'test')).toBe(head);
    expect((await logB.window(head, ['user:dan'], 10)).events.map((e) => e.seq)).toEqual([head + 1]);
  });
});

describe('the live event log on the embedded database', () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-live-'));
  let db: Database;
  let log: EventLogRepository;

  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: null, dataDir: join(root, 'data') });
    log = new EventLogRepository(db.dataSource);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('appends, windows by room and prunes the same way', async () => {
    expect(await log.head()).toBe(0);
    expect(await log.append([presence('ann', 1), presence('bob', 2)], 'test')).toBe(0);
    expect(await log.append([presence('ann', 3)], 'test')).toBe(2);
    const window = await log.window(0, ['user:ann'], 10);
    expect(window).toMatchObject({ head: 3, prunedThrough: 0 });
    expect(window.events.map((e) => e.seq)).toEqual([1, 3]);
    expect((await log.readAfter(1, 10)).map((e) => e.seq)).toEqual([2, 3]);
    await db.dataSource.query(`UPDATE realtime_events SET at = now() - interval '2 hours' WHERE seq = 1`);
    expect(await log.prune(60, 100)).toBe(1);
    expect((await log.window(0, ['user:ann'], 10)).prunedThrough).toBe(1);
  });
});
