import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationView, MessageView, ServerToClientEvents } from '#contracts';
import { oaSignature } from '#wechat';
import { io, type Socket } from 'socket.io-client';
import { DEMO } from '../scripts/demo/demo-fixture.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * The foundation's promise, end to end over HTTP and Socket.IO: a WeChat customer's message reaches the
 * agent live, and the agent's reply reaches the customer through the Official Account API.
 */
describe('a WeChat message travels from a customer to an agent and back', () => {
  let product: Product;
  let agentToken: string;
  let socket: Socket<ServerToClientEvents>;
  const received: Array<{ conversationId: string; message: MessageView }> = [];

  const api = async <T>(method: string, path: string, body?: unknown, token = agentToken) => {
    const response = await fetch(`${product.serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as T };
  };

  const nextEvent = <E extends keyof ServerToClientEvents>(
    event: E,
    match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  ) =>
    new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 10 s`)), 10_000);
      const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
        if (!match(payload)) return;
        clearTimeout(timer);
        socket.off(event, listener as never);
        resolve(payload);
      };
      socket.on(event, listener as never);
    });

  beforeAll(async () => {
    product = await startProduct();
    agentToken = await product.login(product.agent.email, product.agent.password);
    socket = io(product.serverUrl, { auth: { token: agentToken }, transports: ['websocket'] });
    socket.on('message.created', (payload) => received.push(payload));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await product?.stop();
  });

  it('passes WeChat URL verification and refuses a wrong signature', async () => {
    const callback = product.seed.channel.callbackUrl;
    const timestamp = '1714037059';
    const nonce = '486452656';
    const good = await fetch(
      `${callback}?signature=${oaSignature(DEMO.channel.token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello-wechat`,
    );
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('hello-wechat');

    const bad = await fetch(
      `${callback}?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=${nonce}&echostr=x`,
    );
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toContain('x');
  });

  it('streams the customer message to the agent, and delivers the reply to the customer', async () => {
    const arrived = nextEvent('message.created', (p) => p.message.text === '你好，我的订单还没到');
    const { openid, delivered } = await product.customerSays(undefined, '你好，我的订单还没到');
    expect(delivered).toBe(true);
    const live = await arrived;
    expect(live.message).toMatchObject({ direction: 'inbound', type: 'text', deliveryState: 'received' });

    const inbox = await api<ConversationView[]>('GET', '/api/conversations');
    expect(inbox.status).toBe(200);
    const conversation = inbox.body.find((c) => c.id === live.conversationId)!;
    expect(conversation).toMatchObject({
      status: 'waiting',
      channelName: DEMO.channel.name,
      lastMessagePreview: '你好，我的订单还没到',
      contact: { displayName: `${DEMO.channel.name}_${openid}` },
    });

    const sent = nextEvent('message.updated', (p) => p.message.deliveryState === 'sent');
    const reply = await api<MessageView>('POST', `/api/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: '您好！我们马上为您查询 📦',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      direction: 'outbound',
      deliveryState: 'queued',
      senderName: DEMO.agent.name,
    });
    expect((await sent).message.id).toBe(reply.body.id);

    const customerInbox = await product.customerInbox(openid);
    expect(customerInbox.map((m) => [m.msgtype, m.content])).toEqual([['text', '您好！我们马上为您查询 📦']]);

    const after = await api<ConversationView>('GET', `/api/conversations/${conversation.id}`);
    expect(after.body).toMatchObject({ status: 'active', assigneeId: product.agent.id });
  });

  it('stores a message once when WeChat delivers the same MsgId again', async () => {
    const { openid } = await product.customerSays(undefined, 'first delivery');
    const xml =
      `<xml><ToUserName><![CDATA[${DEMO.channel.originalId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
      `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[retried push]]></Content><MsgId>8123456789012345678</MsgId></xml>`;
    const post = () => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = String(Math.floor(Math.random() * 1e9));
      const signature = oaSignature(DEMO.channel.token, timestamp, nonce);
      return fetch(
        `${product.seed.channel.callbackUrl}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
        {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: xml,
        },
      );
    };
    const answers = await Promise.all([post(), post(), post()]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe('success');
    }
    const conversations = await api<ConversationView[]>('GET', '/api/conversations');
    const conversation = conversations.body.find((c) => c.contact.displayName.endsWith(openid))!;
    const messages = await api<MessageView[]>('GET', `/api/conversations/${conversation.id}/messages`);
    expect(messages.body.map((m) => m.text)).toEqual(['first delivery', 'retried push']);
  });

  it('refuses a wrongly signed or malformed push and stores nothing', async () => {
    const before = await api<ConversationView[]>('GET', '/api/conversations');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '42';
    const xml =
      `<xml><ToUserName><![CDATA[${DEMO.channel.originalId}]]></ToUserName><FromUserName><![CDATA[oIntruder]]></FromUserName>` +
      `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[forged]]></Content><MsgId>1</MsgId></xml>`;
    const forged = await fetch(
      `${product.seed.channel.callbackUrl}?signature=${'a'.repeat(40)}&timestamp=${timestamp}&nonce=${nonce}`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: xml,
      },
    );
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'invalid_signature' });

    const signature = oaSignature(DEMO.channel.token, timestamp, nonce);
    const malformed = await fetch(
      `${product.seed.channel.callbackUrl}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: '<xml><ToUserName>gh_x</ToUserName><FromUserName>oBroken',
      },
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'invalid_callback' });

    const after = await api<ConversationView[]>('GET', '/api/conversations');
    expect(after.body.length).toBe(before.body.length);
    expect(after.body.some((c) => c.lastMessagePreview === 'forged')).toBe(false);
  });

  it('only agents associated with the channel see its conversations', async () => {
    const outsider = await api<{ id: string }>(
      'POST',
      '/api/users',
      { email: 'outsider@example.com', name: 'Outsider', password: 'outsider-pass', role: 'agent' },
      product.admin.token,
    );
    expect(outsider.status).toBe(201);
    const token = await product.login('outsider@example.com', 'outsider-pass');
    const list = await api<ConversationView[]>('GET', '/api/conversations', undefined, token);
    expect(list.body).toEqual([]);
    const someone = received[0];
    const direct = await api(
      'GET',
      `/api/conversations/${someone.conversationId}/messages`,
      undefined,
      token,
    );
    expect(direct.status).toBe(404);
    const reply = await api(
      'POST',
      `/api/conversations/${someone.conversationId}/messages`,
      { type: 'text', text: 'hi' },
      token,
    );
    expect(reply.status).toBe(404);
  });

  it('refuses a socket without a valid session', async () => {
    const stranger = io(product.serverUrl, { auth: { token: 'not-a-session' }, transports: ['websocket'] });
    const error = await new Promise<Error>((resolve) => stranger.once('connect_error', resolve));
    stranger.close();
    expect(error.message).toBe('unauthorized');
  });
});
