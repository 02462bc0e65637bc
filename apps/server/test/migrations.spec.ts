import { describe, expect, it } from '@jest/globals';
import { migrations } from '../../../migrations/index.js';
import { openDatabase } from '../src/database/open-database.js';
import { createTestDatabase } from '../../../test/support/test-database.js';

/** Every migration has a working `down`: the schema goes all the way down and comes back up (STYLE.md). */
describe('migrations', () => {
  it('run in timestamp order, undo one by one to an empty schema, and apply again', async () => {
    const timestamps = migrations.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1]));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));

    const database = await createTestDatabase();
    const db = await openDatabase({ databaseUrl: database.url, dataDir: '' });
    const ours = async () =>
      (
        (await db.dataSource.query(
          `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'm') AND c.relname <> 'migrations'
             AND c.relname NOT LIKE 'migrations_%' ORDER BY 1`,
        )) as Array<{ name: string }>
      ).map((r) => r.name);
    try {
      const full = await ours();
      expect(full).toEqual(expect.arrayContaining(['messages', 'conversations', 'tickets', 'callback_log']));
      for (let undone = 0; undone < migrations.length; undone++) await db.dataSource.undoLastMigration();
      expect(await ours()).toEqual([]);
      await db.dataSource.runMigrations({ transaction: 'each' });
      expect(await ours()).toEqual(full);
    } finally {
      await db.close();
      await database.drop();
    }
  }, 120_000);
});
