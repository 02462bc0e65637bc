import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirLock } from './data-dir-lock.js';
import { PgliteSessionPool } from './pglite-session-pool.js';

export interface EmbeddedPostgres {
  pool: PgliteSessionPool;
  close(): Promise<void>;
}

// shared_buffers=16MB saves ~150 MB of resident memory; the product's working set is small.
const POSTGRES_CONF = ['shared_buffers=16MB'];

/** int8 (oid 20) and numeric (1700) come back as strings, as `pg` returns them, so both drivers agree. */
const PARSERS = { 20: (value: string) => value, 1700: (value: string) => value };

/**
 * Opens (creating if needed) the embedded PostgreSQL in `<dataDir>/pgdata`, locked to this process.
 * PGlite runs with fsync off: data survives a crash of this process (kill -9) but not a power loss.
 */
export async function openEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const lock = DataDirLock.acquire(dataDir);
  try {
    const pgdata = join(dataDir, 'pgdata');
    if (!existsSync(join(pgdata, 'PG_VERSION'))) initialiseInChild(pgdata);
    const db = await PGlite.create({ dataDir: pgdata, postgresqlconf: POSTGRES_CONF, parsers: PARSERS });
    const pool = new PgliteSessionPool(db);
    return {
      pool,
      async close() {
        await pool.end();
        await db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** initdb in WASM leaves the process at ~830 MB RSS; doing it in a short-lived child keeps the server lean. */
function initialiseInChild(pgdata: string): void {
  mkdirSync(pgdata, { recursive: true });
  const moduleUrl = import.meta.resolve('@electric-sql/pglite');
  const script =
    `import { PGlite } from ${JSON.stringify(moduleUrl)};` +
    `const db = await PGlite.create({ dataDir: ${JSON.stringify(pgdata)} });` +
    'await db.close();';
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
}
