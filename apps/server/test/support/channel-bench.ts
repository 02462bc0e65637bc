import { randomBytes } from 'node:crypto';
import type { ChannelView, CreateChannelRequest, DepartmentView, EncryptionMode, UserView } from '#contracts';
import { generateCallbackToken, generateEncodingAesKey } from '#wechat';
import { startSimulator, type Simulator } from '../../../simulator/src/simulator.js';
import { startServer, type TestServer } from '../../../../test/support/server-harness.js';

export interface ChannelSecrets {
  appSecret: string;
  token: string;
  encodingAesKey: string;
}

export interface PushResult {
  delivered: boolean;
  attempts: number;
  responses: Array<{ status: number | null; body: string; outcome: string; reason?: string }>;
}

/**
 * A server on a fresh PostgreSQL database with the WeChat API pointed at an in-process simulator, an admin,
 * a department, and helpers to create channels and play the WeChat side (account config, customers, pushes).
 */
export interface ChannelBench {
  server: TestServer;
  sim: Simulator;
  masterKey: string;
  adminToken: string;
  department: DepartmentView;
  createChannel(options?: {
    mode?: EncryptionMode;
    departmentId?: string | null;
    config?: Partial<CreateChannelRequest['config']>;
    name?: string;
  }): Promise<{ channel: ChannelView; secrets: ChannelSecrets }>;
  /** What the OA's admin saves on WeChat's server-config page. */
  configureWechat(
    channel: ChannelView,
    secrets: Partial<ChannelSecrets>,
    mode?: EncryptionMode,
  ): Promise<void>;
  newCustomer(channel: ChannelView, subscribed?: boolean): Promise<string>;
  push(channel: ChannelView, openid: string, message: Record<string, unknown>): Promise<PushResult>;
  customerInbox(
    channel: ChannelView,
    openid: string,
  ): Promise<Array<{ msgtype: string; content?: string; via: string }>>;
  /** The simulator's control API. */
  simApi(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  user(role: 'agent' | 'supervisor', departmentIds?: string[]): Promise<UserView & { token: string }>;
  stop(): Promise<void>;
}

let appIds = 0;
const nextAppId = () => `wx${randomBytes(4).toString('hex')}${String(++appIds).padStart(8, '0')}`;

export async function startChannelBench(env: Record<string, string> = {}): Promise<ChannelBench> {
  const sim = await startSimulator({ port: 0, callbackTimeoutMs: 3000 });
  const masterKey = randomBytes(32).toString('base64');
  const server = await startServer({ WECHAT_API_BASE: sim.url, MASTER_KEY: masterKey, ...env });
  const adminToken = await server.login(server.admin.email, server.admin.password);
  const department = (
    await server.request<DepartmentView>('POST', '/api/departments', {
      token: adminToken,
      body: { name: 'Support' },
    })
  ).body;
  const simCall = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const simOk = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const result = await simCall(method, path, body);
    if (result.status >= 300) throw new Error(`simulator ${method} ${path}: ${JSON.stringify(result.body)}`);
    return result.body as T;
  };
  let users = 0;

  return {
    server,
    sim,
    masterKey,
    adminToken,
    department,
    simApi: simCall,
    async createChannel(options = {}) {
      const mode = options.mode ?? 'plaintext';
      const secrets: ChannelSecrets = {
        appSecret: randomBytes(16).toString('hex'),
        token: generateCallbackToken(24),
        encodingAesKey: generateEncodingAesKey(),
      };
      const response = await server.request<ChannelView>('POST', '/api/channels', {
        token: adminToken,
        body: {
          kind: 'wechat-oa',
          name: options.name ?? 'Acme 公众号',
          departmentId: options.departmentId === undefined ? department.id : options.departmentId,
          config: {
            appId: nextAppId(),
            originalId: `gh_${randomBytes(6).toString('hex')}`,
            encryptionMode: mode,
            ...secrets,
            ...options.config,
          },
        },
      });
      if (response.status !== 201) throw new Error(`create channel: ${JSON.stringify(response.body)}`);
      return { channel: response.body, secrets };
    },
    async configureWechat(channel, secrets, mode) {
      await simOk('POST', '/sim/oa/accounts', {
        appId: channel.config.appId,
        originalId: channel.config.originalId,
        encryptionMode: mode ?? channel.config.encryptionMode,
        ...secrets,
        // The harness's PUBLIC_URL says localhost; the server listens on 127.0.0.1.
        callbackUrl: channel.callbackUrl.replace('//localhost:', '//127.0.0.1:'),
        name: channel.name,
      });
    },
    async newCustomer(channel, subscribed = true) {
      return (
        await simOk<{ openid: string }>('POST', `/sim/oa/accounts/${channel.config.appId}/customers`, {
          subscribed,
        })
      ).openid;
    },
    push(channel, openid, message) {
      return simOk<PushResult>(
        'POST',
        `/sim/oa/accounts/${channel.config.appId}/customers/${openid}/messages`,
        message,
      );
    },
    customerInbox(channel, openid) {
      return simOk('GET', `/sim/oa/accounts/${channel.config.appId}/customers/${openid}/inbox`);
    },
    async user(role, departmentIds = [department.id]) {
      const email = `${role}${++users}@example.com`;
      const created = await server.request<UserView>('POST', '/api/users', {
        token: adminToken,
        body: { email, name: `${role} ${users}`, password: 'user-password-1', role, departmentIds },
      });
      if (created.status !== 201) throw new Error(`create user: ${JSON.stringify(created.body)}`);
      return { ...created.body, token: await server.login(email, 'user-password-1') };
    },
    async stop() {
      await server.stop();
      await sim.close();
    },
  };
}
