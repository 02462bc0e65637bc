import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { generateEncodingAesKey, type EncryptionMode, type OaChannelSecrets } from '#wechat';
import type { CallbackChannel } from './load/callback-pool.js';
import { backendPids, createDatabase, dropDatabase, queryOne } from './postgres.js';
import { ServerProcess, type Pinning } from './processes.js';
import { REFERENCE_TABLE_SQL } from './targets/reference-table.js';

/** One server under test, started and ready for pushes. */
export interface PreparedTarget {
  server: ServerProcess;
  host: string;
  port: number;
  channel: CallbackChannel;
  /** PostgreSQL backends working for it (empty for the servers that store nothing). */
  backendPids(): Promise<number[]>;
  /** Rows it has stored, for the servers that store; null for the others. */
  storedRows: (() => Promise<number>) | null;
  close(): Promise<void>;
}

export interface Scenario {
  id: string;
  label: string;
  mode: EncryptionMode;
  stores: boolean;
  /** Ours: profiled when BENCH_PROFILE=1. */
  ours: boolean;
  prepare(context: ScenarioContext): Promise<PreparedTarget>;
}

export interface ScenarioContext {
  adminUrl: string;
  pinning: Pinning;
}

const HOST = '127.0.0.1';
const dist = fileURLToPath(new URL('..', import.meta.url));

function secretsFor(mode: EncryptionMode): OaChannelSecrets & { originalId: string } {
  return {
    token: randomBytes(16).toString('hex'),
    appId: `wx${randomBytes(8).toString('hex')}`,
    encodingAesKey: mode === 'plaintext' ? null : generateEncodingAesKey(),
    encryptionMode: mode,
    originalId: `gh_${randomBytes(6).toString('hex')}`,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A bench-owned server script (dist/bench/targets/*.js), told its port and secrets by environment. */
function scriptTarget(
  id: string,
  label: string,
  script: string,
  options: { mode?: EncryptionMode; path?: string; database?: boolean } = {},
): Scenario {
  const mode = options.mode ?? 'plaintext';
  return {
    id,
    label,
    mode,
    stores: Boolean(options.database),
    ours: false,
    async prepare({ adminUrl, pinning }) {
      const { originalId, ...secrets } = secretsFor(mode);
      const database = options.database ? await createDatabase(adminUrl, [REFERENCE_TABLE_SQL]) : null;
      try {
        const port = await freePort();
        const server = ServerProcess.start(
          label,
          `${dist}bench/targets/${script}`,
          {
            PORT: String(port),
            BENCH_MODE: mode,
            BENCH_TOKEN: secrets.token,
            BENCH_APP_ID: secrets.appId,
            BENCH_AES_KEY: secrets.encodingAesKey ?? '',
            ...(database ? { DATABASE_URL: database.url } : {}),
          },
          pinning,
        );
        await server.waitUntilServing(`http://${HOST}:${port}/`);
        return {
          server,
          host: HOST,
          port,
          channel: { path: options.path ?? '/wechat', secrets, originalId },
          backendPids: async () => (database ? backendPids(adminUrl, database.name) : []),
          storedRows: database
            ? async () =>
                Number(
                  (await queryOne<{ n: string }>(database.url, 'SELECT count(*) AS n FROM bench_inbound')).n,
                )
            : null,
          async close() {
            await server.stop();
            if (database) await dropDatabase(adminUrl, database.name);
          },
        };
      } catch (error) {
        if (database) await dropDatabase(adminUrl, database.name).catch(() => undefined);
        throw error;
      }
    },
  };
}

/** Our server as shipped: the built dist/, its own fresh database, a channel made through the API. */
export function ourServer(mode: EncryptionMode): Scenario {
  return {
    id: mode === 'safe' ? 'ours-safe' : 'ours-plain',
    label: 'our server (Nest + Fastify + TypeORM)',
    mode,
    stores: true,
    ours: true,
    async prepare({ adminUrl, pinning }) {
      const database = await createDatabase(adminUrl);
      let server: ServerProcess | null = null;
      try {
        const port = await freePort();
        const admin = { email: 'bench-admin@example.com', password: randomBytes(12).toString('hex') };
        server = ServerProcess.start(
          'our server',
          `${dist}apps/server/src/main.js`,
          {
            NODE_ENV: 'production',
            HOST,
            PORT: String(port),
            DATABASE_URL: database.url,
            MASTER_KEY: randomBytes(32).toString('base64'),
            ADMIN_EMAIL: admin.email,
            ADMIN_PASSWORD: admin.password,
            CONSOLE_DIR: 'none',
            LOG_LEVEL: 'warn',
            // Nothing on the inbound path should call WeChat; if something does, it fails fast.
            WECHAT_API_BASE: 'http://127.0.0.1:9',
            WECOM_API_BASE: 'http://127.0.0.1:9',
          },
          pinning,
        );
        const base = `http://${HOST}:${port}`;
        await server.waitUntilServing(`${base}/api/health`);
        const { originalId, ...secrets } = secretsFor(mode);
        const channelId = await createChannel(base, admin, { ...secrets, originalId });
        const running = server;
        return {
          server,
          host: HOST,
          port,
          channel: { path: `/callbacks/wechat-oa/${channelId}`, secrets, originalId },
          backendPids: () => backendPids(adminUrl, database.name),
          storedRows: async () =>
            Number(
              (
                await queryOne<{ n: string }>(
                  database.url,
                  `SELECT count(*) AS n FROM messages WHERE channel_id = $1 AND direction = 'inbound'`,
                  [channelId],
                )
              ).n,
            ),
          async close() {
            await running.stop();
            await dropDatabase(adminUrl, database.name);
          },
        };
      } catch (error) {
        await server?.stop();
        await dropDatabase(adminUrl, database.name).catch(() => undefined);
        throw error;
      }
    },
  };
}

async function createChannel(
  base: string,
  admin: { email: string; password: string },
  secrets: OaChannelSecrets & { originalId: string },
): Promise<string> {
  const call = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`our server: POST ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const { accessToken } = await call<{ accessToken: string }>('/api/auth/login', admin);
  const department = await call<{ id: string }>('/api/departments', { name: 'Bench' }, accessToken);
  const channel = await call<{ id: string }>(
    '/api/channels',
    {
      kind: 'wechat-oa',
      name: `Bench ${secrets.encryptionMode}`,
      departmentId: department.id,
      config: {
        appId: secrets.appId,
        appSecret: randomBytes(16).toString('hex'),
        token: secrets.token,
        ...(secrets.encodingAesKey ? { encodingAesKey: secrets.encodingAesKey } : {}),
        originalId: secrets.originalId,
        encryptionMode: secrets.encryptionMode,
      },
    },
    accessToken,
  );
  return channel.id;
}

/** The throughput scenarios, in the order they are measured and printed. */
export const throughputScenarios: Scenario[] = [
  scriptTarget('bare', '(a) bare node:http answering success', 'bare-http.js'),
  scriptTarget('reference', '(b) reference: verify + xml2js + pg INSERT', 'reference-pipeline.js', {
    database: true,
  }),
  scriptTarget('wechat', '(c) node-webot wechat on Express 5', 'wechat-express.js'),
  scriptTarget('co-wechat-plain', '(c) co-wechat on Koa 3', 'co-wechat-koa.js'),
  scriptTarget('co-wechat-safe', '(c) co-wechat on Koa 3', 'co-wechat-koa.js', { mode: 'safe' }),
  { ...ourServer('plaintext'), label: '(d) our server' },
  { ...ourServer('safe'), label: '(d) our server' },
];
