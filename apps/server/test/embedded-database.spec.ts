import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type Database } from '../src/database/open-database.js';

/** The embedded default (PGlite) must behave like a one-connection PostgreSQL pool, not a shared session. */
describe('embedded PostgreSQL (no DATABASE_URL)', () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-embedded-'));
  const dataDir = join(root, 'nested', 'data');
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: null, dataDir });
    await db.dataSource.query('CREATE TABLE jobs (id int PRIMARY KEY, claimed_by int)');
    await db.dataSource.query('INSERT INTO jobs (id) SELECT g FROM generate_series(1, 60) g');
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data directory and runs the migrations', async () => {
    expect(existsSync(join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
    const tables = (await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    )) as Array<{ table_name: string }>;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['channels', 'conversations', 'messages', 'migrations', 'sessions', 'users']),
    );
  });

  it('refuses a second opener of the same directory with a clear error', async () => {
    await expect(openDatabase({ databaseUrl: null, dataDir })).rejects.toThrow(
      /is in use by another process \(pid \d+\)/,
    );
  });

  it('gives each transaction the session alone: concurrent SKIP LOCKED claims never collide', async () => {
    const claims = await Promise.all(
      Array.from({ length: 60 }, (_, worker) =>
        db.dataSource.transaction(async (tx) => {
          const [row] = (await tx.query(
            'SELECT id FROM jobs WHERE claimed_by IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED',
          )) as Array<{ id: number }>;
          await tx.query('UPDATE jobs SET claimed_by = $1 WHERE id = $2', [worker, row.id]);
          return row.id;
        }),
      ),
    );
    expect(new Set(claims).size).toBe(60);
  });

  it('a rollback undoes only its own transaction', async () => {
    const failing = db.dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO jobs (id) VALUES (1001)');
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('boom');
    });
    const committing = db.dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO jobs (id) VALUES (1002)');
    });
    await expect(failing).rejects.toThrow('boom');
    await committing;
    const rows = (await db.dataSource.query('SELECT id FROM jobs WHERE id > 1000 ORDER BY id')) as Array<{
      id: number;
    }>;
    expect(rows).toEqual([{ id: 1002 }]);
  });

  it('returns int8 as strings, like pg', async () => {
    const [row] = (await db.dataSource.query('SELECT 9007199254740993::int8 AS big')) as Array<{
      big: unknown;
    }>;
    expect(row.big).toBe('9007199254740993');
  });

  it('keeps the data across a close and reopen', async () => {
    await db.close();
    db = await openDatabase({ databaseUrl: null, dataDir });
    const [row] = (await db.dataSource.query(
      'SELECT count(*)::int AS n FROM jobs WHERE claimed_by IS NOT NULL',
    )) as Array<{
      n: number;
    }>;
    expect(row.n).toBe(60);
  }, 60_000);
});
