import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { hashToken, newToken } from '../../apps/server/src/identity/session-tokens.js';

const HOST = '127.0.0.1';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The server on CPU 0 and this process (the load and the sockets) on CPU 1, when there are two cores. */
export function pinThisProcess(): { serverCpu: string | null; description: string } {
  if (availableParallelism() < 2) return { serverCpu: null, description: 'not pinned (1 core)' };
  try {
    execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
    return {
      serverCpu: '0',
      description: 'server on CPU 0, load generator and sockets on CPU 1; PostgreSQL unpinned',
    };
  } catch {
    return { serverCpu: null, description: 'not pinned (taskset is not available)' };
  }
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(adminUrl: string, prefix = 'desk_bench_rt'): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => client.end());
    },
  };
}

export interface OaChannelFixture {
  id: string;
  token: string;
  appId: string;
  originalId: string;
}

/** Our server as shipped (`dist/`), as a child process on its own database. */
export class DeskServer {
  private output = '';
  private exited: string | null = null;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => (this.exited = signal ?? `exit code ${code}`));
  }

  static async start(env: Record<string, string>, serverCpu: string | null): Promise<DeskServer> {
    const port = await freePort();
    const node = [process.execPath, 'dist/apps/server/src/main.js'];
    const [command, ...args] = serverCpu ? ['taskset', '-c', serverCpu, ...node] : node;
    const child = spawn(command, args, {
      env: { ...process.env, ...env, HOST, PORT: String(port), PUBLIC_URL: `http://${HOST}:${port}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new DeskServer(`http://${HOST}:${port}`, child);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exited) throw new Error(`the server exited (${server.exited}):\n${server.output}`);
      const up = await fetch(`${server.url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return server;
      if (Date.now() > deadline) throw new Error(`the server did not start:\n${server.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident memory of the server process (its node process, not taskset), in bytes. */
  rssBytes(): number {
    const pids = [this.pid, ...childPids(this.pid)];
    for (const pid of pids.reverse()) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        if (!/^Name:\s+node/m.test(status)) continue;
        return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
      } catch {
        // gone
      }
    }
    return Number.NaN;
  }

  /** User + system CPU time of the server's node process so far, in µs. */
  cpuMicros(): number {
    for (const pid of [this.pid, ...childPids(this.pid)].reverse()) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(node)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
      } catch {
        // gone
      }
    }
    return Number.NaN;
  }

  assertRunning(): void {
    if (this.exited) throw new Error(`the server exited (${this.exited}):\n${this.output}`);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** A department and a plaintext Official Account channel, made through the API as an admin would. */
export async function createChannel(
  base: string,
  admin: { email: string; password: string },
  name = 'Realtime bench',
): Promise<OaChannelFixture> {
  const call = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const { accessToken } = await call<{ accessToken: string }>('/api/auth/login', admin);
  const department = await call<{ id: string }>('/api/departments', { name }, accessToken);
  const fixture = {
    token: `rtbench${randomBytes(6).toString('hex')}`,
    appId: `wx${randomBytes(8).toString('hex')}`,
    originalId: `gh_${randomBytes(6).toString('hex')}`,
  };
  const channel = await call<{ id: string }>(
    '/api/channels',
    {
      kind: 'wechat-oa',
      name,
      departmentId: department.id,
      config: {
        appId: fixture.appId,
        appSecret: randomBytes(16).toString('hex'),
        token: fixture.token,
        originalId: fixture.originalId,
        encryptionMode: 'plaintext',
      },
    },
    accessToken,
  );
  return { id: channel.id, ...fixture };
}

/**
 * `count` agents associated with the channel, each with a live session, written straight into the database:
 * 1 000 sign-ins through the API would spend minutes hashing passwords and trip the login throttle.
 */
export async function seedAgents(databaseUrl: string, channelId: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = Array.from({ length: count }, () => randomUUID());
    const tokens = ids.map(() => newToken());
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, role)
       SELECT id, 'rt-agent-' || n || '@bench.example', 'Agent ' || n, '!', 'agent'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [ids],
    );
    await client.query(`INSERT INTO channel_agents (channel_id, user_id) SELECT $1, unnest($2::uuid[])`, [
      channelId,
      ids,
    ]);
    await client.query(
      `INSERT INTO user_departments (user_id, department_id)
       SELECT unnest($1::uuid[]), department_id FROM channels WHERE id = $2`,
      [ids, channelId],
    );
    await client.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at)
       SELECT unnest($1::uuid[]), unnest($2::text[]), now() + interval '1 day'`,
      [ids, tokens.map(hashToken)],
    );
    return tokens;
  } finally {
    await client.end();
  }
}
