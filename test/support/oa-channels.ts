import { randomBytes } from 'node:crypto';
import type {
  ChannelView,
  ConversationView,
  EncryptionMode,
  MediaView,
  MessageContent,
  MessageView,
} from '#contracts';
import { generateEncodingAesKey, sealOaCallback, type OaChannelSecrets } from '#wechat';
import type { Product } from './product-harness.js';

/** What the simulated customer's send returns (see apps/simulator/README.md). */
export interface SimSend {
  msgId?: string;
  createTime: number;
  delivered: boolean;
  attempts: number;
  responses: Array<{ status: number | null; body: string; outcome: string }>;
  xml: string;
}

export interface OaTestChannel {
  channel: ChannelView;
  secrets: OaChannelSecrets;
  appId: string;
  originalId: string;
  /** A new follower of the account (or not following, for follow tests). */
  newCustomer(options?: { subscribed?: boolean }): Promise<string>;
  /** The customer does something in WeChat; the simulator pushes it to our callback. */
  send(openid: string, body: Record<string, unknown>): Promise<SimSend>;
  /** Posts a push of our own making to the callback, signed (and sealed) for this channel's mode. */
  post(xml: string, options?: { openid?: string }): Promise<{ status: number; body: string }>;
  /** Posts exactly this query and body (for forged or broken pushes). */
  postRaw(query: Record<string, string>, body: string): Promise<{ status: number; body: string }>;
}

const alnum = (length: number) =>
  randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);

/**
 * A new Official Account channel in `mode`, routed to the demo department with the demo agent associated,
 * configured on the simulator the way an admin pastes the callback URL into WeChat, and verified.
 */
export async function createOaChannel(
  product: Product,
  mode: EncryptionMode,
  name = `Test ${mode} ${alnum(4)}`,
): Promise<OaTestChannel> {
  const appId = `wx${alnum(16).toLowerCase()}`;
  const appSecret = alnum(32);
  const token = alnum(20);
  const encodingAesKey = generateEncodingAesKey();
  const originalId = `gh_${alnum(12).toLowerCase()}`;
  const api = adminApi(product);
  const channel = await api<ChannelView>('POST', '/api/channels', {
    kind: 'wechat-oa',
    name,
    departmentId: product.seed.department.id,
    config: { appId, appSecret, token, encodingAesKey, originalId, encryptionMode: mode },
  });
  await api('PUT', `/api/channels/${channel.id}/agents`, { agentIds: [product.agent.id] });
  const sim = simulatorApi(product);
  await sim('POST', '/sim/oa/accounts', {
    appId,
    appSecret,
    token,
    originalId,
    encryptionMode: mode,
    encodingAesKey,
    callbackUrl: channel.callbackUrl,
    name,
  });
  const verified = await sim<{ ok: boolean; body: string }>('POST', `/sim/oa/accounts/${appId}/verify-url`);
  if (!verified.ok) throw new Error(`URL verification failed for ${mode}: ${verified.body}`);
  const secrets: OaChannelSecrets = { token, appId, encodingAesKey, encryptionMode: mode };

  const postRaw = async (query: Record<string, string>, body: string) => {
    const response = await fetch(`${channel.callbackUrl}?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    });
    return { status: response.status, body: await response.text() };
  };
  return {
    channel,
    secrets,
    appId,
    originalId,
    async newCustomer(options = {}) {
      const customer = await sim<{ openid: string }>('POST', `/sim/oa/accounts/${appId}/customers`, {
        subscribed: options.subscribed ?? true,
      });
      return customer.openid;
    },
    send(openid, body) {
      return sim<SimSend>('POST', `/sim/oa/accounts/${appId}/customers/${openid}/messages`, body);
    },
    post(xml, options = {}) {
      const sealed = sealOaCallback(xml, secrets, { openid: options.openid });
      return postRaw(sealed.query, sealed.body);
    },
    postRaw,
  };
}

type Call = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

function adminApi(product: Product): Call {
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${product.serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${product.admin.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

function simulatorApi(product: Product): Call {
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${product.simulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator ${method} ${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };
}

/** A signed-in user's view of the API. */
export function userApi(product: Product, token: string) {
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${product.serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    call,
    async conversationOf(openid: string): Promise<ConversationView | undefined> {
      const list = await call<ConversationView[]>('GET', '/api/conversations?status=open');
      return list.body.find((c) => c.contact.displayName.endsWith(`_${openid}`));
    },
    async messages(conversationId: string): Promise<MessageView[]> {
      const list = await call<MessageView[]>('GET', `/api/conversations/${conversationId}/messages`);
      if (list.status !== 200) throw new Error(`messages → ${list.status}`);
      return list.body;
    },
  };
}

/** Polls until `done` holds (or the time is up, returning the last value for the assertion to explain). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The files of a message's content. */
export function mediaOf(content: MessageContent): MediaView[] {
  switch (content.type) {
    case 'image':
      return [content.image];
    case 'voice':
      return [content.audio];
    case 'video':
    case 'shortvideo':
      return content.thumbnail ? [content.video, content.thumbnail] : [content.video];
    case 'file':
      return [content.file];
    case 'text':
    case 'location':
    case 'link':
    case 'event':
    case 'unsupported':
      return [];
  }
}
