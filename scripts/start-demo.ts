import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from './demo/seed-demo.js';

/**
 * `npm start`: the whole product on one machine — the server (with the console and the embedded database
 * unless DATABASE_URL is set) and the WeChat/WeCom simulator, wired together and seeded with a demo.
 */
const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const simulatorPort = Number(process.env.SIMULATOR_PORT ?? 3900);
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
const admin = {
  email: process.env.ADMIN_EMAIL ?? 'admin@example.com',
  password: process.env.ADMIN_PASSWORD ?? 'admin-demo-1',
};
const children: ChildProcess[] = [];

function run(name: string, script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(dist, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the demo.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not come up at ${url} within ${timeoutMs / 1000} s`);
}

let stopping = false;
async function stop(code: number): Promise<void> {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve))),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function main(): Promise<void> {
  const started = Date.now();
  run('The simulator', 'apps/simulator/src/main.js', { SIMULATOR_PORT: String(simulatorPort) });
  await waitFor(`${simulatorUrl}/sim/clock`, 'The simulator');
  run('The server', 'apps/server/src/main.js', {
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    WECHAT_API_BASE: process.env.WECHAT_API_BASE ?? simulatorUrl,
    WECOM_API_BASE: process.env.WECOM_API_BASE ?? `${simulatorUrl}/qyapi`,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // The simulator plays WeChat on this machine: this is the address its IP whitelist sees.
    EGRESS_IPS: process.env.EGRESS_IPS ?? '127.0.0.1',
  });
  await waitFor(`http://127.0.0.1:${port}/api/health`, 'The server', 120_000);
  const seed = await seedDemo({ serverUrl: `http://127.0.0.1:${port}`, simulatorUrl, admin });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  WeChat Support Desk is ready (${seconds} s).

  Agent console   ${publicUrl}
                  agent: ${seed.agent.email} / ${seed.agent.password}
                  admin: ${admin.email} / ${admin.password}
  Customer phone  ${simulatorUrl}/phone   (play a WeChat user writing to "${seed.channel.name}")
  API docs        ${publicUrl}/api/docs

  Press Ctrl+C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
