import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ContactPageView, InboxCounts, MessageView, SearchResults } from '#contracts';
import { LiveClient } from './support/live-client.js';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

const SEND = '/cgi-bin/message/custom/send';

/**
 * Private notes and blocking (CV4) end to end, server + simulator + PostgreSQL: a note stays with the team
 * (never sent, no budget, found by search); a blocked contact's messages are stored and counted in the
 * callback log but raise no chat, reach no socket; unblocking lets the next message open one.
 */
describe('private notes and blocked contacts', () => {
  let product: Product;
  let desk: OaDesk;
  let live: LiveClient;

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    live = await LiveClient.connect(product.serverUrl, desk.agentToken);
  }, 60_000);

  afterAll(async () => {
    live?.close();
    await desk?.close();
    await product?.stop();
  });

  const addNote = (conversationId: string, text: unknown) =>
    desk.api<MessageView & { code?: string; message?: string }>(
      'POST',
      `/api/conversations/${conversationId}/notes`,
      { text },
    );

  it('keeps a note with the team: in the thread and live, never at WeChat, outside the budget and the window', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote(desk.demo, '我的订单还没到');
    const before = await desk.conversation(conversationId);
    const since = desk.lastCallSeq();

    const note = await addNote(conversationId, '  客户说快递丢了，明天再联系  ');
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      direction: 'note',
      type: 'text',
      text: '客户说快递丢了，明天再联系',
      senderAgentId: product.agent.id,
      deliveryState: 'received',
    });
    // Live, through the event log, to everyone who sees the channel.
    await live.next('message.created', (p) => p.message.id === note.body.id);
    expect((await desk.messages(conversationId)).map((m) => [m.direction, m.text])).toEqual([
      ['inbound', '我的订单还没到'],
      ['note', '客户说快递丢了，明天再联系'],
    ]);

    // A real reply goes out afterwards; the note never does, whatever the sender picks up.
    expect((await desk.replyAndSettle(conversationId, '您好，我们正在查')).deliveryState).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(desk.calls(since, SEND)).toHaveLength(1);
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual(['您好，我们正在查']);

    const after = await desk.conversation(conversationId);
    expect(after.replyWindow.messagesUsed).toBe(1);
    expect(after.lastCustomerMessageAt).toBe(before.lastCustomerMessageAt);
    expect(after.lastMessagePreview).toBe('您好，我们正在查');
  });

  it('is found by search, as a note', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    const note = await addNote(conversationId, '这位客户要求退款到原卡');
    const found = await desk.api<SearchResults>('GET', `/api/search?q=${encodeURIComponent('退款到原卡')}`);
    expect(found.status).toBe(200);
    expect(found.body.messages.find((hit) => hit.messageId === note.body.id)).toMatchObject({
      author: 'note',
      authorName: product.seed.agent.name,
      conversation: { id: conversationId },
    });
  });

  it('refuses an empty or too long note, and one in a conversation the agent may not see', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    expect(await addNote(conversationId, '   ')).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', message: 'The note is empty' },
    });
    expect((await addNote(conversationId, 'x'.repeat(4001))).status).toBe(400);
    expect((await addNote(conversationId, 42)).status).toBe(400);
    const other = await desk.createOaChannel({ suffix: 'notes-other' });
    const elsewhere = await desk.customerWhoWrote(other);
    await desk.api('PUT', `/api/channels/${other.channelId}/agents`, { agentIds: [] }, product.admin.token);
    expect((await addNote(elsewhere.conversationId, 'hidden')).status).toBe(404);
    expect((await desk.messages(conversationId)).filter((m) => m.direction === 'note')).toEqual([]);
  });

  it("stores a blocked contact's messages without a chat or a socket event, and unblocking opens one again", async () => {
    const openid = await desk.newCustomer();
    await desk.customerSays(openid, '第一次来');
    const first = await desk.conversationIdOf(openid);
    const [{ id: contactId }] = await desk.sql<{ id: string }>(
      `SELECT id FROM contacts WHERE platform_user_id = $1`,
      [openid],
    );

    const blocked = await desk.api<ContactPageView>('PUT', `/api/contacts/${contactId}/block`);
    expect(blocked.status).toBe(200);
    expect(blocked.body.contact.blocked).toEqual({ at: expect.any(String), byName: product.seed.agent.name });
    expect((await desk.api('PUT', `/api/contacts/${contactId}/block`)).body).toMatchObject({
      code: 'conflict',
      message: 'This contact is already blocked',
    });

    // The open chat stays for the agent to finish; it receives nothing more.
    const countsBefore = (await desk.api<InboxCounts>('GET', '/api/inbox/counts')).body;
    const seqBefore = live.lastSeq();
    await desk.customerSays(openid, '广告：便宜的手表');
    // Someone else writes after: once their message is live, anything the blocked one raised would be too.
    const fence = await desk.customerWhoWrote(desk.demo, '正常客户');
    await live.next('message.created', (p) => p.conversationId === fence.conversationId);

    const [held] = await desk.sql<{ id: string; conversation_id: string | null; held_by_block: boolean }>(
      `SELECT id, conversation_id, held_by_block FROM messages WHERE text = '广告：便宜的手表'`,
    );
    expect(held).toMatchObject({ conversation_id: null, held_by_block: true });
    const [logged] = await desk.sql<{ result: string; message_id: string }>(
      `SELECT result, message_id FROM callback_log WHERE message_id = $1`,
      [held.id],
    );
    expect(logged).toEqual({ result: 'stored', message_id: held.id });
    const after = live.received.filter((r) => r.payload.seq > seqBefore);
    expect(after.some((r) => JSON.stringify(r.payload).includes('便宜的手表'))).toBe(false);
    expect(after.some((r) => JSON.stringify(r.payload).includes(first))).toBe(false);
    expect((await desk.messages(first)).map((m) => m.text)).toEqual(['第一次来']);
    const countsAfter = (await desk.api<InboxCounts>('GET', '/api/inbox/counts')).body;
    expect(countsAfter.waiting).toBe(countsBefore.waiting + 1); // the fence's chat, not the blocked one's

    const page = await desk.api<ContactPageView>('GET', `/api/contacts/${contactId}`);
    expect(page.body.heldMessages.map((m) => m.preview)).toEqual(['广告：便宜的手表']);

    // The agent closes the old chat; while blocked, no new one opens.
    await desk.sql(`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = $1`, [first]);
    await desk.customerSays(openid, '还是广告');
    expect(
      await desk.sql(`SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'closed'`, [
        contactId,
      ]),
    ).toEqual([]);

    const unblocked = await desk.api<ContactPageView>('DELETE', `/api/contacts/${contactId}/block`);
    expect(unblocked.status).toBe(200);
    expect(unblocked.body.contact.blocked).toBeNull();
    expect((await desk.api('DELETE', `/api/contacts/${contactId}/block`)).status).toBe(409);

    await desk.customerSays(openid, '我想问一下');
    const reopened = await desk.conversationIdOf(openid);
    expect(reopened).not.toBe(first);
    await live.next('message.created', (p) => p.conversationId === reopened);
    // What came while blocked stays on the contact page, not in the new chat.
    expect((await desk.messages(reopened)).map((m) => m.text)).toEqual(['我想问一下']);
  });

  it('gives a blocked contact no follow auto-reply, and gives it again once unblocked', async () => {
    const text = '欢迎关注！';
    const followReply = (enabled: boolean) =>
      desk.api(
        'PUT',
        `/api/channels/${desk.demo.channelId}/follow-reply`,
        { enabled, text },
        product.admin.token,
      );
    expect((await followReply(true)).status).toBe(200);
    const openid = await desk.newCustomer();
    await desk.customerSays(openid, '你好');
    const [{ id: contactId }] = await desk.sql<{ id: string }>(
      `SELECT id FROM contacts WHERE platform_user_id = $1`,
      [openid],
    );
    expect((await desk.api('PUT', `/api/contacts/${contactId}/block`)).status).toBe(200);
    await desk.customerDoes(openid, { type: 'unfollow' });
    expect((await desk.customerDoes(openid, { type: 'follow' })).delivered).toBe(true);
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual([]);

    expect((await desk.api('DELETE', `/api/contacts/${contactId}/block`)).status).toBe(200);
    await desk.customerDoes(openid, { type: 'unfollow' });
    await desk.customerDoes(openid, { type: 'follow' });
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual([text]);
    expect((await followReply(false)).status).toBe(200);
  });

  it('refuses to block a contact the agent may not see', async () => {
    const other = await desk.createOaChannel({ suffix: 'block-other' });
    const openid = await desk.newCustomer(other);
    await desk.customerSays(openid, 'hello', other);
    await desk.api('PUT', `/api/channels/${other.channelId}/agents`, { agentIds: [] }, product.admin.token);
    const [{ id }] = await desk.sql<{ id: string }>(`SELECT id FROM contacts WHERE platform_user_id = $1`, [
      openid,
    ]);
    expect((await desk.api('PUT', `/api/contacts/${id}/block`)).status).toBe(404);
    expect(await desk.sql(`SELECT blocked_at FROM contacts WHERE id = $1`, [id])).toEqual([
      { blocked_at: null },
    ]);
  });
});
