import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  createChannel,
  createDatabase,
  DeskServer,
  pinThisProcess,
  seedAgents,
  type BenchDatabase,
  type OaChannelFixture,
} from './desk-server.js';
import { eventLogCapacity, type CapacityResult } from './event-log-capacity.js';
import { atSteadyRate, CallbackSender, connectAgents, type AgentSocket } from './live-load.js';
import { distribution, mb, ms, type Distribution } from './stats.js';

/**
 * `npm run bench:realtime` (issue 5, Speed): how long a customer's message takes from WeChat's callback to
 * the agents' sockets at a steady 200 callbacks/s, and what 1 000 connected agent sockets cost one server
 * process. Our server as shipped (`dist/`), a fresh database, real sockets (socket.io-client).
 */
const settings = {
  rate: number('BENCH_RT_RATE', 200),
  durationS: number('BENCH_RT_DURATION', 15),
  warmupS: number('BENCH_RT_WARMUP', 3),
  agents: number('BENCH_RT_AGENTS', 10),
  sockets: number('BENCH_RT_SOCKETS', 1000),
  fanouts: number('BENCH_RT_FANOUTS', 20),
  databaseUrl:
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres',
};

function number(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
let database: BenchDatabase | null = null;
let server: DeskServer | null = null;
const open: AgentSocket[] = [];

async function cleanUp(): Promise<void> {
  for (const socket of open.splice(0)) socket.close();
  await server?.stop().catch(() => undefined);
  await database?.drop().catch(() => undefined);
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await sleep(20);
}

interface LatencyResult {
  sockets: number;
  sent: number;
  answered: number;
  expected: number;
  delivered: number;
  duplicates: number;
  latency: Distribution;
  answer: Distribution;
  /** From the callback's answer to the socket: what happens after the commit (announce, log, emit). */
  afterAnswer: Distribution;
  rssBytes: number;
  loadAfter: string;
  /** Server CPU per callback over the measured window (answering, storing, announcing, logging, emitting). */
  cpuMicrosPerCallback: number;
}

/** A: callbacks at a steady rate, each message timed from its scheduled send to each agent socket. */
async function callbackToSocket(
  env: Record<string, string>,
  channel: OaChannelFixture,
  tokens: string[],
  cpu: string | null,
): Promise<LatencyResult> {
  server = await DeskServer.start(env, cpu);
  const due = new Map<number, number>();
  const seen = tokens.map(() => new Set<number>());
  const latencies: number[] = [];
  const answeredAt = new Map<number, number>();
  const arrivals: Array<[number, number]> = [];
  let delivered = 0;
  let duplicates = 0;
  const sockets = await connectAgents(server.url, tokens, (socket, payload, at) => {
    const match = /^rt (w|m) (\d+)$/.exec(payload.message.text ?? '');
    if (!match || match[1] !== 'm') return;
    const i = Number(match[2]);
    if (seen[socket].has(i)) return void duplicates++;
    seen[socket].add(i);
    delivered++;
    latencies.push(at - due.get(i)!);
    arrivals.push([i, at]);
  });
  open.push(...sockets);
  const sender = new CallbackSender(new URL(server.url), channel);
  const answers: number[] = [];
  const pending: Array<Promise<unknown>> = [];

  // Warm-up at the same rate: JIT, pools, and every customer's conversation exists afterwards.
  await atSteadyRate(settings.rate, settings.warmupS, (i) => void pending.push(sender.send(`rt w ${i}`)));
  await Promise.all(pending.splice(0));
  const answeredBefore = sender.answered;
  const cpuBefore = server.cpuMicros();
  await atSteadyRate(settings.rate, settings.durationS, (i, scheduledAt) => {
    due.set(i, scheduledAt);
    pending.push(
      sender.send(`rt m ${i}`).then((took) => {
        answers.push(took);
        answeredAt.set(i, performance.now());
      }),
    );
  });
  await Promise.all(pending);
  const expected = due.size * sockets.length;
  await until(() => delivered >= expected, 15_000);
  const cpuMicrosPerCallback = (server.cpuMicros() - cpuBefore) / due.size;
  server.assertRunning();
  const rssBytes = server.rssBytes();
  for (const socket of open.splice(0)) socket.close();
  sender.close();
  await server.stop();
  server = null;
  return {
    sockets: sockets.length,
    sent: due.size,
    answered: sender.answered - answeredBefore,
    expected,
    delivered,
    duplicates,
    latency: distribution(latencies),
    answer: distribution(answers),
    afterAnswer: distribution(arrivals.map(([i, at]) => at - answeredAt.get(i)!)),
    rssBytes,
    loadAfter: loadavg()[0].toFixed(2),
    cpuMicrosPerCallback,
  };
}

interface SocketsResult {
  sockets: number;
  rssIdle: number;
  rssConnected: number;
  rssAfterFanout: number;
  connectSeconds: number;
  fanouts: number;
  complete: number;
  toAll: Distribution;
  toEach: Distribution;
}

/** B: many agents connected to one process; its memory, and one message's way to all of them. */
async function manySockets(
  env: Record<string, string>,
  channel: OaChannelFixture,
  tokens: string[],
  cpu: string | null,
): Promise<SocketsResult> {
  server = await DeskServer.start(env, cpu);
  await sleep(2000);
  const rssIdle = server.rssBytes();
  const due = new Map<number, number>();
  const arrivals = new Map<number, number[]>();
  const started = performance.now();
  const sockets = await connectAgents(server.url, tokens, (_socket, payload, at) => {
    const match = /^fan (\d+)$/.exec(payload.message.text ?? '');
    if (!match) return;
    const i = Number(match[1]);
    arrivals.set(i, [...(arrivals.get(i) ?? []), at - due.get(i)!]);
  });
  const connectSeconds = (performance.now() - started) / 1000;
  open.push(...sockets);
  await sleep(3000);
  const rssConnected = server.rssBytes();

  const sender = new CallbackSender(new URL(server.url), channel);
  // A few customers' first messages open their conversations before the timed ones.
  for (let i = 0; i < 5; i++) await sender.send(`fan warm-up ${i}`);
  const pending: Array<Promise<number>> = [];
  await atSteadyRate(5, settings.fanouts / 5, (i, scheduledAt) => {
    due.set(i, scheduledAt);
    pending.push(sender.send(`fan ${i}`));
  });
  await Promise.all(pending);
  await until(() => [...due.keys()].every((i) => (arrivals.get(i)?.length ?? 0) >= sockets.length), 30_000);
  const rssAfterFanout = server.rssBytes();
  const complete = [...due.keys()].filter((i) => (arrivals.get(i)?.length ?? 0) >= sockets.length);
  sender.close();
  for (const socket of open.splice(0)) socket.close();
  await server.stop();
  server = null;
  return {
    sockets: sockets.length,
    rssIdle,
    rssConnected,
    rssAfterFanout,
    connectSeconds,
    fanouts: due.size,
    complete: complete.length,
    toAll: distribution(complete.map((i) => Math.max(...arrivals.get(i)!))),
    toEach: distribution([...arrivals.values()].flat()),
  };
}

function report(
  machine: string,
  pinning: string,
  a: LatencyResult,
  b: SocketsResult,
  c: CapacityResult,
): string {
  const target = a.latency.p99 < 100 ? 'met' : 'missed';
  const lost = a.expected - a.delivered;
  return [
    `# Real-time bench (${new Date().toISOString()})`,
    '',
    `${machine}; ${pinning}.`,
    '',
    `## Callback to agent socket at ${settings.rate} callbacks/s`,
    '',
    `${a.sent} signed OA text callbacks over ${settings.durationS} s (after ${settings.warmupS} s of warm-up), ` +
      `${a.sockets} agent sockets associated with the channel; latency = from the callback's scheduled send to ` +
      `\`message.created\` on each socket.`,
    '',
    '| | count | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| callback → socket | ${a.latency.count} | ${ms(a.latency.p50)} | ${ms(a.latency.p95)} | ${ms(a.latency.p99)} | ${ms(a.latency.max)} |`,
    `| callback answer (\`success\`) | ${a.answer.count} | ${ms(a.answer.p50)} | ${ms(a.answer.p95)} | ${ms(a.answer.p99)} | ${ms(a.answer.max)} |`,
    `| answer → socket (after the commit) | ${a.afterAnswer.count} | ${ms(a.afterAnswer.p50)} | ${ms(a.afterAnswer.p95)} | ${ms(a.afterAnswer.p99)} | ${ms(a.afterAnswer.max)} |`,
    '',
    `Answered \`success\`: ${a.answered} of ${a.sent}. Delivered ${a.delivered} of ${a.expected} ` +
      `(${lost} missing, ${a.duplicates} duplicates). Server RSS at the end: ${mb(a.rssBytes)} MB. ` +
      `Server CPU: ${a.cpuMicrosPerCallback.toFixed(0)} µs per callback. Load average just after: ${a.loadAfter}. ` +
      `Target p99 < 100 ms: **${target}**.`,
    '',
    `## ${b.sockets} agent sockets on one process`,
    '',
    '| server RSS | MB |',
    '| --- | ---: |',
    `| idle, no sockets | ${mb(b.rssIdle)} |`,
    `| ${b.sockets} sockets connected | ${mb(b.rssConnected)} |`,
    `| after ${b.fanouts} messages to all of them | ${mb(b.rssAfterFanout)} |`,
    '',
    `About ${((b.rssConnected - b.rssIdle) / b.sockets / 1024).toFixed(0)} KB per connected socket; ` +
      `${b.sockets} handshakes (50 at a time) took ${b.connectSeconds.toFixed(1)} s.`,
    '',
    `One customer message to all ${b.sockets} sockets (${b.fanouts} messages at 5/s, ${b.complete} reached every socket):`,
    '',
    '| | count | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| callback → last socket | ${b.toAll.count} | ${ms(b.toAll.p50)} | ${ms(b.toAll.p95)} | ${ms(b.toAll.p99)} | ${ms(b.toAll.max)} |`,
    `| callback → each socket | ${b.toEach.count} | ${ms(b.toEach.p50)} | ${ms(b.toEach.p95)} | ${ms(b.toEach.p99)} | ${ms(b.toEach.max)} |`,
    '',
    "## The event log's serialized append",
    '',
    '| how | events/s | appends (transactions) |',
    '| --- | ---: | ---: |',
    `| one event per append, one after the other | ${c.unbatchedPerSecond.toFixed(0)} | – |`,
    ...c.batched.map(
      (r) =>
        `| batching writer, ${r.processes} process${r.processes > 1 ? 'es' : ''} at once, ${r.events} events | ${r.perSecond.toFixed(0)} | ${r.appends} (${(r.events / r.appends).toFixed(0)} events each) |`,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const pinning = pinThisProcess();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} before the run`;
  console.log(`Real-time bench: ${machine}\n${pinning.description}\n`);
  database = await createDatabase(settings.databaseUrl);
  const admin = { email: 'rt-bench-admin@example.com', password: randomBytes(12).toString('hex') };
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    MASTER_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    CONSOLE_DIR: 'none',
    LOG_LEVEL: 'warn',
    // The profile refresh of new customers fails fast instead of calling WeChat.
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECOM_API_BASE: 'http://127.0.0.1:9',
  };
  server = await DeskServer.start(env, pinning.serverCpu);
  const channel = await createChannel(server.url, admin);
  await server.stop();
  server = null;
  const tokens = await seedAgents(database.url, channel.id, Math.max(settings.agents, settings.sockets));

  console.log(
    `A: ${settings.rate} callbacks/s for ${settings.durationS} s to ${settings.agents} agent sockets…`,
  );
  const a = await callbackToSocket(env, channel, tokens.slice(0, settings.agents), pinning.serverCpu);
  console.log(`B: ${settings.sockets} agent sockets on one process…`);
  const b = await manySockets(env, channel, tokens.slice(0, settings.sockets), pinning.serverCpu);

  console.log('C: the event log on its own…');
  const c = await eventLogCapacity(database.url);

  const text = report(machine, pinning.description, a, b, c);
  console.log(`\n${text}`);
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'realtime.md'), text);
  const valid =
    a.answered === a.sent && a.delivered === a.expected && a.duplicates === 0 && b.complete === b.fanouts;
  if (!valid)
    console.error(
      'INVALID: a callback was refused, or a message was lost or duplicated on its way to a socket',
    );
  return valid ? 0 : 1;
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
