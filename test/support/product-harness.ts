import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../apps/simulator/src/simulator.js';
import type { Clock } from '../../apps/server/src/common/clock.js';
import { loadConfig } from '../../apps/server/src/config/app-config.js';
import { createApp } from '../../apps/server/src/create-app.js';
import { openDatabase } from '../../apps/server/src/database/open-database.js';
import { DEMO } from '../../scripts/demo/demo-fixture.js';
import { seedDemo, type DemoSeed } from '../../scripts/demo/seed-demo.js';
import { closeApp } from './close-app.js';
import { freePort } from './free-port.js';
import { createTestDatabase } from './test-database.js';

export interface Product {
  serverUrl: string;
  /** The test's own PostgreSQL database, for looking (or, carefully, reaching) behind the API. */
  databaseUrl: string;
  simulator: Simulator;
  seed: DemoSeed;
  agent: { email: string; password: string; id: string };
  admin: { email: string; password: string; token: string };
  app: NestFastifyApplication;
  /** What a second server process needs to share this one's database and secrets. */
  env: Record<string, string>;
  /** A WeChat user writes to the demo Official Account (a new follower unless `openid` is given). */
  customerSays(
    openid: string | undefined,
    text: string,
  ): Promise<{ openid: string; msgId: string; delivered: boolean }>;
  /** What the customer has received from the business, in order. */
  customerInbox(openid: string): Promise<Array<{ msgtype: string; content?: string }>>;
  /** Logs in through the API and returns a bearer token. */
  login(email: string, password: string): Promise<string>;
  /** Stops this process's server only (the database and the simulator stay); `stop()` after it is fine. */
  stopServer(): Promise<void>;
  /**
   * A second server process of the same installation (same database and master key, its own port), as
   * behind a load balancer. Stopped by `stop()` too.
   */
  startAnotherServer(): Promise<{ url: string; app: NestFastifyApplication; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/**
 * The whole product in this process — server (on a fresh PostgreSQL database, with the built console) and
 * simulator — seeded the way `npm start` seeds the demo.
 */
export async function startProduct(
  /** `clock`: a fake clock the test moves (every server process of the product reads it). */
  options: { simulator?: SimulatorOptions; env?: Record<string, string>; clock?: Clock } = {},
): Promise<Product> {
  const database = await createTestDatabase();
  const simulator = await startSimulator({ port: 0, callbackTimeoutMs: 5000, ...options.simulator });
  const port = await freePort();
  const admin = { email: 'admin@example.com', password: 'admin-test-password' };
  const masterKey = randomBytes(32).toString('base64');
  const mediaDir = await mkdtemp(join(tmpdir(), 'desk-media-'));
  const envFor = (serverPort: number): Record<string, string> => ({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(serverPort),
    PUBLIC_URL: `http://127.0.0.1:${serverPort}`,
    DATABASE_URL: database.url,
    MASTER_KEY: masterKey,
    MEDIA_DIR: mediaDir,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    WECHAT_API_BASE: simulator.url,
    WECOM_API_BASE: `${simulator.url}/qyapi`,
    CONSOLE_DIR: resolve('apps/console/dist'),
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const env = envFor(port);
  const config = loadConfig(env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await createApp(config, db, { clock: options.clock });
  await app.listen(port, '127.0.0.1');
  const serverUrl = `http://127.0.0.1:${port}`;
  const seed = await seedDemo({ serverUrl, simulatorUrl: simulator.url, admin });

  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${simulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`simulator ${method} ${path} → ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  let serverStopped: Promise<void> | null = null;
  const stopServer = () => (serverStopped ??= closeApp(app));
  const others: Array<() => Promise<void>> = [];

  return {
    serverUrl,
    databaseUrl: database.url,
    simulator,
    seed,
    app,
    env,
    agent: { email: seed.agent.email, password: seed.agent.password, id: seed.agent.id },
    admin: { ...admin, token: seed.adminToken },
    async customerSays(openid, text) {
      const customer =
        openid ??
        (await control<{ openid: string }>('POST', `/sim/oa/accounts/${DEMO.channel.appId}/customers`, {}))
          .openid;
      const result = await control<{ msgId: string; delivered: boolean }>(
        'POST',
        `/sim/oa/accounts/${DEMO.channel.appId}/customers/${customer}/messages`,
        { type: 'text', content: text },
      );
      return { openid: customer, msgId: result.msgId, delivered: result.delivered };
    },
    customerInbox(openid) {
      return control('GET', `/sim/oa/accounts/${DEMO.channel.appId}/customers/${openid}/inbox`);
    },
    async login(email, password) {
      const response = await fetch(`${serverUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    stopServer,
    async startAnotherServer() {
      const otherPort = await freePort();
      const otherConfig = loadConfig(envFor(otherPort));
      const otherDb = await openDatabase({
        databaseUrl: otherConfig.databaseUrl,
        dataDir: otherConfig.dataDir,
      });
      const other = await createApp(otherConfig, otherDb, { clock: options.clock });
      await other.listen(otherPort, '127.0.0.1');
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        await closeApp(other);
      };
      others.push(stop);
      return { url: `http://127.0.0.1:${otherPort}`, app: other, stop };
    },
    async stop() {
      for (const stopOther of others) await stopOther();
      await stopServer();
      await simulator.close();
      await database.drop();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}
