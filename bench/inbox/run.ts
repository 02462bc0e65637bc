import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createChannel,
  createDatabase,
  DeskServer,
  pinThisProcess,
  type BenchDatabase,
} from '../realtime/desk-server.js';
import { distribution, ms, type Distribution } from '../realtime/stats.js';
import { INBOX_ENDPOINTS } from './endpoints.js';
import { seedInbox } from './seed.js';

/**
 * `npm run bench:inbox`: the inbox's first page and a conversation's history at 100 000 conversations and
 * 2 000 000 messages (issue 5), through the HTTP API with real tokens: an admin (sees every channel) and an
 * agent associated with some of them. One request at a time (the latency an agent waits for, not the
 * throughput), after a warm-up; p50/p95/p99 per endpoint and user, checked against p95 < 30 ms.
 */
const env = process.env;
const settings = {
  databaseUrl:
    env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  conversations: Number(env.BENCH_INBOX_CONVERSATIONS ?? 100_000),
  messagesPerConversation: Number(env.BENCH_INBOX_MESSAGES_PER_CONVERSATION ?? 20),
  channels: Number(env.BENCH_INBOX_CHANNELS ?? 5),
  agentChannels: Number(env.BENCH_INBOX_AGENT_CHANNELS ?? 2),
  agents: Number(env.BENCH_INBOX_AGENTS ?? 50),
  requests: Number(env.BENCH_INBOX_REQUESTS ?? 200),
  warmup: Number(env.BENCH_INBOX_WARMUP ?? 20),
  /** BENCH_INBOX_KEEP=1: leave the seeded database in place (its URL is printed), e.g. for EXPLAIN ANALYZE. */
  keep: env.BENCH_INBOX_KEEP === '1',
};
const TARGET_P95_MS = 30;
const root = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');

let database: BenchDatabase | null = null;
let server: DeskServer | null = null;

interface Row {
  endpoint: string;
  user: string;
  latency: Distribution;
  items: number;
}

async function measure(
  base: string,
  token: string,
  path: (id: string) => string,
  conversationIds: string[],
): Promise<{ latency: Distribution; items: number }> {
  const samples: number[] = [];
  let items = 0;
  for (let i = 0; i < settings.warmup + settings.requests; i++) {
    const url = `${base}${path(conversationIds[i % conversationIds.length])}`;
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200)
      throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
    if (i >= settings.warmup) {
      samples.push(elapsed);
      const parsed = JSON.parse(body) as unknown;
      items += Array.isArray(parsed) ? parsed.length : 1;
    }
  }
  return { latency: distribution(samples), items: Math.round(items / settings.requests) };
}

function report(machine: string, pinning: string, seeded: string, rows: Row[]): string {
  return [
    '# Inbox bench — latest run',
    '',
    `- ${machine}`,
    `- ${pinning}`,
    `- ${seeded}`,
    `- ${settings.requests} requests per line, one at a time, after ${settings.warmup} warm-up requests`,
    '',
    '| endpoint | user | items | p50 ms | p95 ms | p99 ms | max ms | p95 < 30 ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.endpoint} | ${r.user} | ${r.items} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.latency.p95 < TARGET_P95_MS ? 'met' : '**missed**'} |`,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const pinning = pinThisProcess();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} before the run`;
  console.log(`Inbox bench: ${machine}\n${pinning.description}\n`);
  database = await createDatabase(settings.databaseUrl, 'desk_bench_inbox');
  const admin = { email: 'inbox-bench-admin@example.com', password: randomBytes(12).toString('hex') };
  server = await DeskServer.start(
    {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      MASTER_KEY: randomBytes(32).toString('base64'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      CONSOLE_DIR: 'none',
      LOG_LEVEL: 'warn',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WECOM_API_BASE: 'http://127.0.0.1:9',
    },
    pinning.serverCpu,
  );
  const channelIds: string[] = [];
  for (let i = 0; i < settings.channels; i++)
    channelIds.push((await createChannel(server.url, admin, `Inbox bench ${i + 1}`)).id);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const { accessToken: adminToken } = (await login.json()) as { accessToken: string };

  const total = settings.conversations * settings.messagesPerConversation;
  console.log(
    `Seeding ${settings.conversations} conversations and ${total} messages over ${settings.channels} channels…`,
  );
  const seed = await seedInbox(
    database.url,
    channelIds,
    {
      conversations: settings.conversations,
      messagesPerConversation: settings.messagesPerConversation,
      agents: settings.agents,
    },
    settings.agentChannels,
  );
  const seeded = `${settings.conversations} conversations (10% waiting, 30% active, 60% closed), ${total} messages, ${settings.channels} channels, ${settings.agents} agents; seeded in ${seed.seconds.toFixed(0)} s`;
  console.log(seeded);

  const users = [
    { name: 'admin (all channels)', token: adminToken, conversations: seed.anyConversationIds },
    {
      name: `agent (${settings.agentChannels} of ${settings.channels} channels)`,
      token: seed.agentToken,
      conversations: seed.agentConversationIds,
    },
  ];
  const rows: Row[] = [];
  for (const endpoint of INBOX_ENDPOINTS) {
    for (const user of users) {
      const result = await measure(server.url, user.token, endpoint.path, user.conversations);
      rows.push({ endpoint: endpoint.name, user: user.name, ...result });
      console.log(
        `  ${endpoint.name}, ${user.name}: p50 ${ms(result.latency.p50)} / p95 ${ms(result.latency.p95)} / p99 ${ms(result.latency.p99)} ms`,
      );
    }
  }
  server.assertRunning();
  const text = report(machine, pinning.description, seeded, rows);
  console.log(`\n${text}`);
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'inbox.md'), text);
  return 0;
}

async function cleanUp(): Promise<void> {
  await server?.stop().catch(() => undefined);
  if (settings.keep && database) console.log(`Kept the database: ${database.url}`);
  else await database?.drop().catch(() => undefined);
}

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
main()
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  });
