import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throw-away database on the PostgreSQL under test; every one created is dropped by `dropAll`. */
export interface BenchDatabase {
  name: string;
  url: string;
}

const created = new Set<string>();

export async function checkPostgres(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; fsync: string; sync: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
              current_setting('synchronous_commit') AS sync`,
    );
    const { version, fsync, sync } = rows[0];
    return `PostgreSQL ${version} (fsync ${fsync}, synchronous_commit ${sync})`;
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redact(adminUrl)}: ${error instanceof Error ? error.message : String(error)}.\n` +
        `  Start it (e.g. pg_ctlcluster 15 main start) or point BENCH_DATABASE_URL at one.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createDatabase(adminUrl: string, setupSql: string[] = []): Promise<BenchDatabase> {
  const name = `desk_bench_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  created.add(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = { name, url: url.toString() };
  for (const sql of setupSql) await withClient(database.url, (client) => client.query(sql));
  return database;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  created.delete(name);
}

export async function dropAll(adminUrl: string): Promise<void> {
  for (const name of [...created]) await dropDatabase(adminUrl, name).catch(() => undefined);
}

export async function queryOne<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  return withClient(url, async (client) => (await client.query<T>(sql, params)).rows[0]);
}

/** Backend pids serving `database` right now (to charge their CPU time to the server under test). */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows.map((r) => r.pid);
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
