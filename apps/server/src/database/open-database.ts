import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../../../migrations/index.js';
import { PipelinedPgTransactions, SerialTransactions, type BatchTransactions } from './batch-transactions.js';
import { openEmbeddedPostgres } from './embedded-postgres.js';
import { entities } from './entities.js';
import { pgliteDriver } from './pglite-session-pool.js';

export interface Database {
  dataSource: DataSource;
  /** The callback path's group commit (pipelined `pg` on PostgreSQL, TypeORM's runner on PGlite). */
  batchTransactions: BatchTransactions;
  embedded: boolean;
  close(): Promise<void>;
}

const common = {
  type: 'postgres',
  entities,
  migrations,
  synchronize: false,
  migrationsRun: false,
  uuidExtension: 'pgcrypto',
  installExtensions: false,
  applicationName: 'wechat-support-desk',
} as const;

// Any number: it only has to be the same in every process of this product.
const MIGRATION_LOCK_ID = 7_410_221;

/**
 * PostgreSQL when `databaseUrl` is given, otherwise the embedded PGlite in `dataDir`. Runs pending
 * migrations before returning, so a process never serves an older schema than its code.
 */
export async function openDatabase(options: {
  databaseUrl: string | null;
  dataDir: string;
}): Promise<Database> {
  if (options.databaseUrl) {
    const dataSource = new DataSource({
      ...common,
      url: options.databaseUrl,
      poolSize: 10,
    } as DataSourceOptions);
    await dataSource.initialize();
    await migrateUnderLock(dataSource);
    const batchTransactions = new PipelinedPgTransactions(options.databaseUrl);
    return {
      dataSource,
      batchTransactions,
      embedded: false,
      async close() {
        await batchTransactions.close();
        await dataSource.destroy();
      },
    };
  }
  const embedded = await openEmbeddedPostgres(options.dataDir);
  try {
    const dataSource = new DataSource({
      ...common,
      driver: pgliteDriver(embedded.pool),
    } as DataSourceOptions);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return {
      dataSource,
      batchTransactions: new SerialTransactions(dataSource),
      embedded: true,
      async close() {
        await dataSource.destroy();
        await embedded.close();
      },
    };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

/** Several processes may start at once against one PostgreSQL; only one migrates at a time. */
async function migrateUnderLock(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.release();
  }
}
