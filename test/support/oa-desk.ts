import type { ChannelView, ConversationView, MessageView, OaTokenMode } from '#contracts';
import pg from 'pg';
import type { CallRecord } from '../../apps/simulator/src/call-log.js';
import { DEMO } from '../../scripts/demo/demo-fixture.js';
import type { Product } from './product-harness.js';

export interface OaAccountFixture {
  appId: string;
  appSecret: string;
  token: string;
  originalId: string;
  channelId: string;
  name: string;
}

type Json = Record<string, unknown>;

/**
 * What the outbound tests do again and again, through the same doors a person or WeChat uses: the REST API
 * as the agent or admin, the simulator's control API as the customer and the OA's admin, and PostgreSQL only
 * to read what the API does not show or to set what no screen edits yet.
 */
export class OaDesk {
  private readonly pool: pg.Pool;
  readonly demo: OaAccountFixture;
  /** Where API calls go: the product's server unless a test points it at another process. */
  serverUrl: string;

  constructor(
    readonly product: Product,
    readonly agentToken: string,
  ) {
    this.pool = new pg.Pool({ connectionString: product.databaseUrl, max: 2 });
    this.demo = { ...DEMO.channel, channelId: product.seed.channel.id };
    this.serverUrl = product.serverUrl;
  }

  static async open(product: Product): Promise<OaDesk> {
    return new OaDesk(product, await product.login(product.agent.email, product.agent.password));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async api<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    token = this.agentToken,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** The simulator's control API; throws on anything but 2xx. */
  async sim<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.product.simulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator ${method} ${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async sql<T = Json>(query: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(query, params)).rows as T[];
  }

  /**
   * Another Official Account channel, set up as an admin would: created through the API, its settings
   * (which no screen edits yet) written before WeChat first calls it, pasted into the simulated WeChat, and
   * the agent associated.
   */
  async createOaChannel(options: {
    suffix: string;
    messagesPerCustomerMessage?: number;
    tokenMode?: OaTokenMode;
    account?: Json;
  }): Promise<OaAccountFixture> {
    const hex = Buffer.from(options.suffix).toString('hex').padEnd(16, '0').slice(0, 16);
    const fixture = {
      appId: `wx${hex}`,
      appSecret: `secret${hex}${hex}`.slice(0, 32),
      token: `token${hex}`,
      originalId: `gh_${hex.slice(0, 12)}`,
      name: `Shop ${options.suffix}`,
    };
    const admin = this.product.admin.token;
    const created = await this.api<ChannelView>(
      'POST',
      '/api/channels',
      {
        kind: 'wechat-oa',
        name: fixture.name,
        departmentId: this.product.seed.department.id,
        config: {
          appId: fixture.appId,
          appSecret: fixture.appSecret,
          token: fixture.token,
          originalId: fixture.originalId,
          encryptionMode: 'plaintext',
        },
      },
      admin,
    );
    if (created.status !== 201) throw new Error(`channel: ${created.status} ${JSON.stringify(created.body)}`);
    const channelId = created.body.id;
    await this.sql(
      `UPDATE wechat_oa_channel_configs SET messages_per_customer_message = $2, token_mode = $3 WHERE channel_id = $1`,
      [channelId, options.messagesPerCustomerMessage ?? 5, options.tokenMode ?? 'token'],
    );
    const agents = await this.api(
      'PUT',
      `/api/channels/${channelId}/agents`,
      { agentIds: [this.product.agent.id] },
      admin,
    );
    if (agents.status !== 200) throw new Error(`agents: ${agents.status}`);
    await this.sim('POST', '/sim/oa/accounts', {
      ...fixture,
      encryptionMode: 'plaintext',
      callbackUrl: created.body.callbackUrl,
      ...options.account,
    });
    return { ...fixture, channelId };
  }

  async newCustomer(account: OaAccountFixture = this.demo, fields: Json = {}): Promise<string> {
    return (await this.sim<{ openid: string }>('POST', `/sim/oa/accounts/${account.appId}/customers`, fields))
      .openid;
  }

  /** The customer does something on WeChat (a message or an event); WeChat pushes it to us. */
  customerDoes(openid: string, body: Json, account: OaAccountFixture = this.demo) {
    return this.sim<{ delivered: boolean; msgId?: string }>(
      'POST',
      `/sim/oa/accounts/${account.appId}/customers/${openid}/messages`,
      body,
    );
  }

  async customerSays(openid: string, content: string, account: OaAccountFixture = this.demo): Promise<void> {
    const result = await this.customerDoes(openid, { type: 'text', content }, account);
    if (!result.delivered) throw new Error(`the customer's message did not reach the server`);
  }

  async conversationIdOf(openid: string): Promise<string> {
    const [row] = await this.sql<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
       WHERE ct.platform_user_id = $1 AND c.status <> 'closed'`,
      [openid],
    );
    if (!row) throw new Error(`no open conversation for ${openid}`);
    return row.id;
  }

  /** A new customer who has written once, and their conversation. */
  async customerWhoWrote(
    account: OaAccountFixture = this.demo,
    text = '你好',
  ): Promise<{ openid: string; conversationId: string }> {
    const openid = await this.newCustomer(account);
    await this.customerSays(openid, text, account);
    return { openid, conversationId: await this.conversationIdOf(openid) };
  }

  async conversation(conversationId: string): Promise<ConversationView> {
    const response = await this.api<ConversationView>('GET', `/api/conversations/${conversationId}`);
    if (response.status !== 200) throw new Error(`conversation: ${response.status}`);
    return response.body;
  }

  reply(conversationId: string, text: string) {
    return this.api<MessageView & { code?: string; message?: string }>(
      'POST',
      `/api/conversations/${conversationId}/messages`,
      { type: 'text', text },
    );
  }

  retry(conversationId: string, messageId: string) {
    return this.api<MessageView & { code?: string; message?: string }>(
      'POST',
      `/api/conversations/${conversationId}/messages/${messageId}/retry`,
    );
  }

  async messages(conversationId: string): Promise<MessageView[]> {
    return (await this.api<MessageView[]>('GET', `/api/conversations/${conversationId}/messages`)).body;
  }

  /** Waits until the message has left `queued` (bounded; the sender works in the background). */
  async settled(conversationId: string, messageId: string, timeoutMs = 20_000): Promise<MessageView> {
    return this.until(
      async () => (await this.messages(conversationId)).find((m) => m.id === messageId),
      (m) => m !== undefined && m.deliveryState !== 'queued',
      timeoutMs,
    ) as Promise<MessageView>;
  }

  /** Replies and waits for the outcome. */
  async replyAndSettle(conversationId: string, text: string): Promise<MessageView> {
    const sent = await this.reply(conversationId, text);
    if (sent.status !== 201) throw new Error(`reply refused: ${sent.status} ${JSON.stringify(sent.body)}`);
    return this.settled(conversationId, sent.body.id);
  }

  async inbox(openid: string, account: OaAccountFixture = this.demo) {
    return this.sim<Array<{ msgtype: string; content?: string }>>(
      'GET',
      `/sim/oa/accounts/${account.appId}/customers/${openid}/inbox`,
    );
  }

  /** Platform API calls the simulator received after `since` (a sequence number), optionally for one path. */
  calls(since: number, path?: string): CallRecord[] {
    return this.product.simulator.calls.since(since, path === undefined ? {} : { path });
  }

  lastCallSeq(): number {
    return this.product.simulator.calls.lastSeq();
  }

  async until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
