import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClientToServerEvents, ConversationView, ServerToClientEvents } from '#contracts';
import { io, type Socket } from 'socket.io-client';
import { OaDesk, type OaAccountFixture } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

const TYPING = '/cgi-bin/message/custom/typing';
const USER_INFO = '/cgi-bin/user/info';

type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** OA9 typing indicator and OA7 customer profiles, end to end over Socket.IO, HTTP and the simulator. */
describe('typing and customer profiles', () => {
  let product: Product;
  let desk: OaDesk;
  const sockets: DeskSocket[] = [];

  const connect = async (token: string): Promise<DeskSocket> => {
    const socket: DeskSocket = io(product.serverUrl, { auth: { token }, transports: ['websocket'] });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const customerView = (openid: string, account: OaAccountFixture = desk.demo) =>
    desk.sim<{ typing: boolean }>('GET', `/sim/oa/accounts/${account.appId}/customers/${openid}`);

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await desk?.close();
    await product?.stop();
  });

  describe('typing', () => {
    it('shows "typing" to the customer while the agent types, once per indicator however often the console reports keystrokes', async () => {
      const { openid, conversationId } = await desk.customerWhoWrote();
      const socket = await connect(desk.agentToken);
      const since = desk.lastCallSeq();
      for (let i = 0; i < 5; i++) socket.emit('conversation.typing', { conversationId });
      await desk.until(
        () => customerView(openid),
        (view) => view.typing,
      );
      expect(desk.calls(since, TYPING).map((c) => c.body)).toEqual([{ touser: openid, command: 'Typing' }]);

      // A sent message ends the indicator on WeChat; the next keystroke may show it again.
      await desk.replyAndSettle(conversationId, '好的');
      expect((await customerView(openid)).typing).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 2_100)); // the per-agent pace (2 s)
      socket.emit('conversation.typing', { conversationId });
      await desk.until(
        () => customerView(openid),
        (view) => view.typing,
      );
      expect(desk.calls(since, TYPING)).toHaveLength(2);
    });

    it('ignores typing from an agent who may not see the conversation, and outside the window', async () => {
      const outsider = await desk.api(
        'POST',
        '/api/users',
        { email: 'typist@example.com', name: 'Outsider', password: 'outsider-pass', role: 'agent' },
        product.admin.token,
      );
      expect(outsider.status).toBe(201);
      const outsiderSocket = await connect(await product.login('typist@example.com', 'outsider-pass'));
      const agentSocket = await connect(desk.agentToken);

      const { openid, conversationId } = await desk.customerWhoWrote();
      const locked = await desk.customerWhoWrote();
      await desk.customerDoes(locked.openid, { type: 'unfollow' });

      const since = desk.lastCallSeq();
      outsiderSocket.emit('conversation.typing', { conversationId });
      agentSocket.emit('conversation.typing', { conversationId: locked.conversationId });
      agentSocket.emit('conversation.typing', { conversationId: 'not-a-uuid' });
      // The associated agent's event on an open conversation, last: once it lands the others were handled.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const other = await desk.customerWhoWrote();
      agentSocket.emit('conversation.typing', { conversationId: other.conversationId });
      await desk.until(
        () => customerView(other.openid),
        (view) => view.typing,
      );
      expect(desk.calls(since, TYPING).map((c) => (c.body as { touser: string }).touser)).toEqual([
        other.openid,
      ]);
      expect((await customerView(openid)).typing).toBe(false);
    });

    it('never lets a typing failure touch sending', async () => {
      const { openid, conversationId } = await desk.customerWhoWrote();
      const socket = await connect(desk.agentToken);
      await desk.sim('POST', '/sim/faults', { path: TYPING, kind: 'http-500' });
      socket.emit('conversation.typing', { conversationId });
      await desk.until(
        async () => desk.calls(0, TYPING).filter((c) => c.fault === 'http-500'),
        (failed) => failed.length === 1,
      );
      expect((await desk.replyAndSettle(conversationId, 'sent anyway')).deliveryState).toBe('sent');
      expect((await desk.inbox(openid)).map((m) => m.content)).toEqual(['sent anyway']);
    });
  });

  describe('profiles', () => {
    it('keeps "<account name>_<openid>" when WeChat returns no nickname (as it does today), asking once', async () => {
      const since = desk.lastCallSeq();
      const { openid, conversationId } = await desk.customerWhoWrote();
      await desk.until(
        async () => desk.calls(since, USER_INFO),
        (calls) => calls.length === 1,
      );
      await desk.customerSays(openid, 'second message, same day');
      // Long enough for a background fetch to have been made if the rule let it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const view = await desk.conversation(conversationId);
      expect(view.contact).toMatchObject({ displayName: `${desk.demo.name}_${openid}`, avatarUrl: null });
      expect(desk.calls(since, USER_INFO)).toHaveLength(1);
    });

    it('shows the nickname and avatar when the account exposes them, and refreshes at most daily', async () => {
      const shop = await desk.createOaChannel({ suffix: 'prof', account: { exposeProfile: true } });
      const avatar = 'https://thirdwx.qlogo.cn/mmopen/vi_32/avatar/132';
      const openid = await desk.newCustomer(shop, { nickname: '小明', headimgurl: avatar });
      await desk.customerSays(openid, '你好', shop);
      const conversationId = await desk.conversationIdOf(openid);
      const named = await desk.until(
        () => desk.conversation(conversationId),
        (view: ConversationView) => view.contact.displayName === '小明',
      );
      expect(named.contact).toMatchObject({ displayName: '小明', avatarUrl: avatar });

      const since = desk.lastCallSeq();
      await desk.customerSays(openid, 'again today', shop);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(desk.calls(since, USER_INFO)).toEqual([]);
      // A day later the next message asks again.
      await desk.sql(
        `UPDATE contacts SET profile_refreshed_at = now() - interval '25 hours' WHERE platform_user_id = $1`,
        [openid],
      );
      await desk.customerSays(openid, 'tomorrow', shop);
      await desk.until(
        async () => desk.calls(since, USER_INFO),
        (calls) => calls.length === 1,
      );
      expect(desk.calls(since, USER_INFO).map((c) => c.query.openid)).toEqual([openid]);
    });
  });
});
