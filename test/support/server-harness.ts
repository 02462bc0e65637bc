import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../apps/server/src/config/app-config.js';
import { createApp } from '../../apps/server/src/create-app.js';
import { openDatabase } from '../../apps/server/src/database/open-database.js';
import { freePort } from './free-port.js';
import { closeApp } from './close-app.js';
import { createTestDatabase } from './test-database.js';

export interface TestServer {
  url: string;
  databaseUrl: string;
  app: NestFastifyApplication;
  admin: { email: string; password: string };
  /** JSON request; returns status and parsed body. */
  request<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: T }>;
  login(email: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The server alone, on a fresh PostgreSQL database, with the WeChat API pointed at `wechatApiBase`.
 * `sharedDatabaseUrl`: a second server process on another one's database (pass the same MASTER_KEY in `env`);
 * stopping it leaves the database to its owner.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { sharedDatabaseUrl?: string } = {},
): Promise<TestServer> {
  const database = options.sharedDatabaseUrl
    ? { url: options.sharedDatabaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const port = await freePort();
  const mediaDir = await mkdtemp(join(tmpdir(), 'desk-media-'));
  const admin = { email: 'admin@example.com', password: 'admin-test-password' };
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: database.url,
    MASTER_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    CONSOLE_DIR: 'none',
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'error',
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    ...env,
  });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await createApp(config, db);
  await app.listen(port, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;

  const request: TestServer['request'] = async (method, path, options = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as never };
  };

  return {
    url,
    databaseUrl: database.url,
    app,
    admin,
    request,
    async login(email, password) {
      const response = await request<{ accessToken: string }>('POST', '/api/auth/login', {
        body: { email, password },
      });
      if (response.status !== 200)
        throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.accessToken;
    },
    async stop() {
      await closeApp(app);
      await database.drop();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}
