import type { ChannelView, DepartmentView, LoginResponse, UserView } from '#contracts';
import { DEMO } from './demo-fixture.js';

export interface DemoSeed {
  adminToken: string;
  department: DepartmentView;
  agent: UserView & { password: string };
  channel: ChannelView;
}

/**
 * Sets up the demo through the product's public REST API and the simulator's control API, the way an admin
 * would by hand. Idempotent: a second start finds what the first created.
 */
export async function seedDemo(options: {
  serverUrl: string;
  simulatorUrl: string;
  admin: { email: string; password: string };
}): Promise<DemoSeed> {
  const api = apiClient(options.serverUrl);
  const login = await api<LoginResponse>('POST', '/api/auth/login', options.admin);
  const auth = api.withToken(login.accessToken);

  const departments = await auth<DepartmentView[]>('GET', '/api/departments');
  const department =
    departments.find((d) => d.name === DEMO.department) ??
    (await auth<DepartmentView>('POST', '/api/departments', { name: DEMO.department }));

  const users = await auth<UserView[]>('GET', '/api/users');
  const agent =
    users.find((u) => u.email === DEMO.agent.email) ??
    (await auth<UserView>('POST', '/api/users', {
      email: DEMO.agent.email,
      name: DEMO.agent.name,
      password: DEMO.agent.password,
      role: 'agent',
      departmentIds: [department.id],
    }));

  const channels = await auth<ChannelView[]>('GET', '/api/channels');
  let channel =
    channels.find((c) => c.config.appId === DEMO.channel.appId) ??
    (await auth<ChannelView>('POST', '/api/channels', {
      kind: 'wechat-oa',
      name: DEMO.channel.name,
      departmentId: department.id,
      config: {
        appId: DEMO.channel.appId,
        appSecret: DEMO.channel.appSecret,
        token: DEMO.channel.token,
        originalId: DEMO.channel.originalId,
        encryptionMode: DEMO.channel.encryptionMode,
      },
    }));
  if (!channel.agentIds.includes(agent.id)) {
    channel = await auth<ChannelView>('PUT', `/api/channels/${channel.id}/agents`, {
      agentIds: [...channel.agentIds, agent.id],
    });
  }

  // What the OA's admin does on WeChat's server-config page: paste our callback URL and the Token.
  const simulator = apiClient(options.simulatorUrl);
  await simulator('POST', '/sim/oa/accounts', {
    appId: DEMO.channel.appId,
    appSecret: DEMO.channel.appSecret,
    token: DEMO.channel.token,
    originalId: DEMO.channel.originalId,
    encryptionMode: DEMO.channel.encryptionMode,
    callbackUrl: channel.callbackUrl,
    name: DEMO.channel.name,
  });
  const verification = await simulator<{ ok: boolean; status: number; body: string }>(
    'POST',
    `/sim/oa/accounts/${DEMO.channel.appId}/verify-url`,
  );
  if (!verification.ok) {
    throw new Error(
      `WeChat's URL verification of ${channel.callbackUrl} failed: ${verification.status} ${verification.body}`,
    );
  }
  return {
    adminToken: login.accessToken,
    department,
    agent: { ...agent, password: DEMO.agent.password },
    channel,
  };
}

type Call = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

function apiClient(baseUrl: string, token?: string): Call & { withToken(token: string): Call } {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return Object.assign(call, { withToken: (t: string) => apiClient(baseUrl, t) });
}
