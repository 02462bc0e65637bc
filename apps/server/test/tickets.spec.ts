import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ConversationTicketView,
  TicketDetailView,
  TicketPage,
  TicketThreadView,
  TicketView,
  UserView,
} from '#contracts';
import { OaDesk } from '../../../test/support/oa-desk.js';
import { startProduct, type Product } from '../../../test/support/product-harness.js';
import { TicketsService } from '../src/ticketing/tickets.service.js';

type ApiError = { code: string; message: string };

/**
 * Tickets against the real server, PostgreSQL and the WeChat simulator (TK1, TK3): an agent converts a chat,
 * every change lands in the history with who, when, from and to, a refused request changes nothing, and
 * conversations join and leave tickets by the rules.
 */
describe('tickets', () => {
  let product: Product;
  let desk: OaDesk;
  let colleague: UserView;

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    colleague = (
      await desk.api<UserView>(
        'POST',
        '/api/users',
        {
          email: 'wang@example.com',
          name: 'Wang Fang',
          password: 'wang-password-1',
          role: 'agent',
          departmentIds: [product.seed.department.id],
        },
        product.admin.token,
      )
    ).body;
    await desk.api(
      'PUT',
      `/api/channels/${product.seed.channel.id}/agents`,
      { agentIds: [product.agent.id, colleague.id] },
      product.admin.token,
    );
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await product?.stop();
  });

  const convert = (conversationId: string, body: Record<string, unknown> = {}) =>
    desk.api<TicketDetailView & ApiError>('POST', '/api/tickets', { conversationId, ...body });
  const patch = (ticketId: string, body: Record<string, unknown>) =>
    desk.api<TicketDetailView & ApiError>('PATCH', `/api/tickets/${ticketId}`, body);
  const detail = async (ticketId: string) =>
    (await desk.api<TicketDetailView>('GET', `/api/tickets/${ticketId}`)).body;
  /** What a refused request must leave untouched: the ticket, its links and its history, as stored. */
  const stored = async (ticketId: string) => ({
    ticket: await desk.sql(`SELECT * FROM tickets WHERE id = $1`, [ticketId]),
    links: await desk.sql(
      `SELECT * FROM ticket_conversations WHERE ticket_id = $1 ORDER BY conversation_id`,
      [ticketId],
    ),
    activity: await desk.sql(`SELECT * FROM ticket_activities WHERE ticket_id = $1 ORDER BY id`, [ticketId]),
  });
  /** Closes a chat the way the conversation model will (issue 5 adds the API); the customer can start another. */
  const closeChat = (conversationId: string) =>
    desk.sql(`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = $1`, [conversationId]);

  it('converts a chat into a ticket: the customer’s words as subject, their contact, department and thread', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote(undefined, '  我的订单\n 三天了还没到 ');
    await desk.customerSays(openid, '订单号 20240101');

    const created = await convert(conversationId);
    expect(created.status).toBe(201);
    const { ticket, conversations, activity } = created.body;
    expect(ticket).toMatchObject({
      subject: '我的订单 三天了还没到',
      status: 'open',
      priority: 'normal',
      department: { id: product.seed.department.id, name: product.seed.department.name },
      assignee: null,
      requester: { channelId: product.seed.channel.id },
      conversationCount: 1,
      previousTicket: null,
      closedAt: null,
    });
    expect(ticket.number).toBeGreaterThanOrEqual(1001);
    expect(ticket.requester.id).toBe((await desk.conversation(conversationId)).contact.id);
    expect(conversations).toEqual([
      expect.objectContaining({
        conversationId,
        endedAt: null,
        conversation: expect.objectContaining({ id: conversationId }),
      }),
    ]);
    expect(activity).toEqual([
      expect.objectContaining({
        actor: { id: product.agent.id, name: product.seed.agent.name },
        change: { kind: 'created', conversationId, previousTicket: null },
        reason: null,
      }),
    ]);

    const thread = (await desk.api<TicketThreadView>('GET', `/api/tickets/${ticket.id}/thread`)).body;
    expect(thread.hiddenConversations).toBe(0);
    expect(thread.segments.map((s) => s.messages.map((m) => m.text))).toEqual([
      ['  我的订单\n 三天了还没到 ', '订单号 20240101'],
    ]);

    const shown = await desk.api<ConversationTicketView>(
      'GET',
      `/api/conversations/${conversationId}/ticket`,
    );
    expect(shown.body.ticket).toMatchObject({ id: ticket.id, number: ticket.number });

    // One ticket per conversation: a second conversion is refused and changes nothing.
    const before = await stored(ticket.id);
    const again = await convert(conversationId);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`This conversation is already on ticket #${ticket.number}`);
    expect(await stored(ticket.id)).toEqual(before);
    expect(
      await desk.sql(`SELECT 1 FROM tickets WHERE requester_contact_id = $1`, [ticket.requester.id]),
    ).toHaveLength(1);
  });

  it('keeps the chat’s agent on the ticket and takes a subject and priority the agent gives', async () => {
    const { conversationId } = await desk.customerWhoWrote(undefined, 'hello');
    expect((await desk.reply(conversationId, 'Hi, how can I help?')).status).toBe(201);
    const created = await convert(conversationId, { subject: ' Refund  request ', priority: 'high' });
    expect(created.status).toBe(201);
    expect(created.body.ticket).toMatchObject({
      subject: 'Refund request',
      priority: 'high',
      assignee: { id: product.agent.id, name: product.seed.agent.name },
    });
  });

  it('refuses a conversation the customer has not written in (only customer-initiated chats)', async () => {
    const openid = await desk.newCustomer();
    // "Talk to an agent" in the menu opens a conversation without a message from the customer.
    expect((await desk.customerDoes(openid, { type: 'click', eventKey: 'TALK_TO_AGENT' })).delivered).toBe(
      true,
    );
    const conversationId = await desk.conversationIdOf(openid);
    const count = async () => (await desk.sql(`SELECT count(*)::int AS n FROM tickets`))[0].n;
    const before = await count();
    const refused = await convert(conversationId);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('Only a conversation the customer started can become a ticket');
    expect(await count()).toBe(before);
  });

  it('records every change with who made it, when, from and to, and the reason given', async () => {
    const { conversationId } = await desk.customerWhoWrote(undefined, 'Broken cup');
    const { ticket } = (await convert(conversationId)).body;

    const steps: Array<[Record<string, unknown>, unknown[]]> = [
      [
        { subject: 'Cup arrived broken' },
        [{ kind: 'subject', from: 'Broken cup', to: 'Cup arrived broken' }],
      ],
      [{ priority: 'urgent' }, [{ kind: 'priority', from: 'normal', to: 'urgent' }]],
      [
        { assigneeId: colleague.id },
        [{ kind: 'assignee', from: null, to: { id: colleague.id, name: 'Wang Fang' } }],
      ],
      [
        { status: 'on-hold', reason: 'Waiting for a photo' },
        [{ kind: 'status', from: 'open', to: 'on-hold' }],
      ],
      [
        { status: 'closed', assigneeId: null, reason: 'Replacement sent' },
        [
          { kind: 'assignee', from: { id: colleague.id, name: 'Wang Fang' }, to: null },
          { kind: 'status', from: 'on-hold', to: 'closed' },
        ],
      ],
      [{ status: 'open' }, [{ kind: 'status', from: 'closed', to: 'open' }]],
    ];
    let previous = (await detail(ticket.id)).activity.length;
    for (const [body, expected] of steps) {
      const response = await patch(ticket.id, body);
      expect(response.status).toBe(200);
      const added = response.body.activity.slice(previous);
      expect(added.map((a) => a.change)).toEqual(expected);
      for (const entry of added) {
        expect(entry.actor).toEqual({ id: product.agent.id, name: product.seed.agent.name });
        expect(entry.reason).toBe((body.reason as string | undefined) ?? null);
        expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000);
      }
      previous = response.body.activity.length;
      if (body.status === 'closed') expect(response.body.ticket.closedAt).not.toBeNull();
      if (body.status === 'open') expect(response.body.ticket.closedAt).toBeNull();
    }
    const final = await detail(ticket.id);
    expect(final.ticket).toMatchObject({
      subject: 'Cup arrived broken',
      priority: 'urgent',
      status: 'open',
      assignee: null,
    });
    expect(Date.parse(final.ticket.updatedAt)).toBeGreaterThanOrEqual(Date.parse(final.ticket.createdAt));

    // Asking for what already is records nothing.
    const same = await patch(ticket.id, { priority: 'urgent', status: 'open' });
    expect(same.status).toBe(200);
    expect(same.body.activity).toHaveLength(final.activity.length);
  });

  it('refuses bad requests with a clear error and changes nothing', async () => {
    const { conversationId } = await desk.customerWhoWrote(undefined, 'Need an invoice');
    const { ticket } = (await convert(conversationId)).body;
    expect((await patch(ticket.id, { status: 'closed' })).status).toBe(200);
    const outsider = (
      await desk.api<UserView>(
        'POST',
        '/api/users',
        { email: 'zhao@example.com', name: 'Zhao Lei', password: 'zhao-password-1', role: 'agent' },
        product.admin.token,
      )
    ).body;
    const before = await stored(ticket.id);

    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ priority: 'whenever' }, 400, 'priority must be one of the following values'],
      [{ status: 'solved' }, 400, 'status must be one of the following values'],
      [{ subject: 'New words' }, 409, `Ticket #${ticket.number} is closed: reopen it to change it`],
      [{ status: 'on-hold' }, 409, `Ticket #${ticket.number} is closed: it can only be reopened`],
      [{ priority: 'high' }, 409, `Ticket #${ticket.number} is closed: reopen it to change it`],
      [{ status: 'open', subject: '' }, 400, 'The subject cannot be empty'],
      [
        { status: 'open', assigneeId: outsider.id },
        400,
        `Zhao Lei is not a member of ${product.seed.department.name}`,
      ],
      [{ status: 'open', assigneeId: '00000000-0000-4000-8000-000000000000' }, 400, 'There is no such user'],
      [
        { status: 'open', departmentId: '00000000-0000-4000-8000-000000000000' },
        400,
        'There is no such department',
      ],
      [{ departmentId: null }, 400, 'departmentId must be a department id'],
      [{ assigneeId: 'li' }, 400, 'assigneeId must be a user id or null'],
      [{ status: 'open', surprise: true }, 400, 'property surprise should not exist'],
      [
        { status: 'open', reason: 'x'.repeat(501) },
        400,
        'reason must be shorter than or equal to 500 characters',
      ],
    ];
    for (const [body, status, message] of cases) {
      const response = await patch(ticket.id, body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(response.body.message).toContain(message);
    }
    expect(await stored(ticket.id)).toEqual(before);

    const unknown = await patch('00000000-0000-4000-8000-000000000000', { priority: 'high' });
    expect(unknown.status).toBe(404);
    expect((await desk.api('GET', '/api/tickets/not-a-uuid')).status).toBe(400);
  });

  it('links another conversation of the same customer, in order, and unlinks it again; one ticket at a time', async () => {
    const { openid, conversationId: first } = await desk.customerWhoWrote(
      undefined,
      'My coffee machine leaks',
    );
    const { ticket } = (await convert(first)).body;
    expect((await patch(ticket.id, { status: 'closed' })).status).toBe(200);
    await closeChat(first);
    await desk.customerSays(openid, 'It leaks again');
    const second = await desk.conversationIdOf(openid);
    expect(second).not.toBe(first);

    // Someone else's conversation cannot join, and nothing changes.
    const other = await desk.customerWhoWrote(undefined, 'Unrelated');
    const before = await stored(ticket.id);
    const foreign = await desk.api<ApiError>('POST', `/api/tickets/${ticket.id}/conversations`, {
      conversationId: other.conversationId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toContain('another customer');
    expect(await stored(ticket.id)).toEqual(before);

    // The customer's new chat joins the closed ticket, which reopens.
    const linked = await desk.api<TicketDetailView>('POST', `/api/tickets/${ticket.id}/conversations`, {
      conversationId: second,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.ticket).toMatchObject({ status: 'open', closedAt: null, conversationCount: 2 });
    expect(linked.body.conversations.map((c) => c.conversationId)).toEqual([first, second]);
    expect(linked.body.activity.slice(-2)).toEqual([
      expect.objectContaining({
        change: { kind: 'conversation-linked', conversationId: second },
        reason: null,
      }),
      expect.objectContaining({
        change: { kind: 'status', from: 'closed', to: 'open' },
        reason: 'A conversation was linked to it',
      }),
    ]);
    const thread = (await desk.api<TicketThreadView>('GET', `/api/tickets/${ticket.id}/thread`)).body;
    expect(thread.segments.map((s) => [s.conversation.id, s.messages.map((m) => m.text)])).toEqual([
      [first, ['My coffee machine leaks']],
      [second, ['It leaks again']],
    ]);
    expect(
      (await desk.api<ConversationTicketView>('GET', `/api/conversations/${second}/ticket`)).body.ticket?.id,
    ).toBe(ticket.id);

    // It is on this ticket now: neither a new ticket nor a second link.
    expect((await convert(second)).status).toBe(409);
    const twice = await desk.api<ApiError>('POST', `/api/tickets/${ticket.id}/conversations`, {
      conversationId: second,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe(`This conversation is already on ticket #${ticket.number}`);

    const unlinked = await desk.api<TicketDetailView>(
      'DELETE',
      `/api/tickets/${ticket.id}/conversations/${second}`,
    );
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.conversations.map((c) => c.conversationId)).toEqual([first]);
    expect(unlinked.body.activity.at(-1)?.change).toEqual({
      kind: 'conversation-unlinked',
      conversationId: second,
    });
    expect(
      (await desk.api<ConversationTicketView>('GET', `/api/conversations/${second}/ticket`)).body.ticket,
    ).toBeNull();

    const keep = await stored(ticket.id);
    const last = await desk.api<ApiError>('DELETE', `/api/tickets/${ticket.id}/conversations/${first}`);
    expect(last.status).toBe(409);
    expect(last.body.message).toBe(
      `This is the only conversation of ticket #${ticket.number}: a ticket keeps at least one`,
    );
    const notOnIt = await desk.api<ApiError>('DELETE', `/api/tickets/${ticket.id}/conversations/${second}`);
    expect(notOnIt.status).toBe(404);
    expect(await stored(ticket.id)).toEqual(keep);
  });

  it('continues a conversation in a new ticket when the system says so, the old ticket keeping what came before', async () => {
    const service = product.app.get(TicketsService);
    const { openid, conversationId } = await desk.customerWhoWrote(undefined, 'First question');
    const { ticket: old } = (await convert(conversationId)).body;
    await desk.customerSays(openid, 'A new question, weeks later');
    const late = (await desk.messages(conversationId)).at(-1)!;

    await expect(
      service.openForConversation(conversationId, { actor: null, startingAtMessageId: late.id }),
    ).rejects.toThrow('A change made by the system needs a reason');

    const next = await service.openForConversation(conversationId, {
      actor: null,
      reason: 'The customer wrote 30 days after the last activity',
      startingAtMessageId: late.id,
    });
    expect(next).toMatchObject({ previousTicket: { id: old.id, number: old.number }, subject: old.subject });
    const text = async (id: string) =>
      (await desk.api<TicketThreadView>('GET', `/api/tickets/${id}/thread`)).body.segments.map((s) => ({
        partial: s.partial,
        texts: s.messages.map((m) => m.text),
      }));
    expect(await text(old.id)).toEqual([{ partial: true, texts: ['First question'] }]);
    expect(await text(next.id)).toEqual([{ partial: true, texts: ['A new question, weeks later'] }]);

    const oldDetail = await detail(old.id);
    expect(oldDetail.conversations[0].endedAt).not.toBeNull();
    expect(oldDetail.activity.at(-1)).toMatchObject({
      actor: null,
      change: { kind: 'continued', conversationId, nextTicket: { id: next.id, number: next.number } },
      reason: 'The customer wrote 30 days after the last activity',
    });
    expect((await detail(next.id)).activity).toEqual([
      expect.objectContaining({
        actor: null,
        change: { kind: 'created', conversationId, previousTicket: { id: old.id, number: old.number } },
      }),
    ]);
    expect((await service.ticketOfConversation(conversationId))?.id).toBe(next.id);

    // Later messages are activity on the new ticket only.
    const touched = (await detail(old.id)).ticket.lastActivityAt;
    await desk.customerSays(openid, 'Any news?');
    await desk.until(
      () => detail(next.id),
      (d) => Date.parse(d.ticket.lastActivityAt) > Date.parse(next.lastActivityAt),
    );
    expect((await detail(old.id)).ticket.lastActivityAt).toBe(touched);
    expect((await text(next.id))[0].texts).toEqual(['A new question, weeks later', 'Any news?']);
  });

  it('lists by last activity with filters, search by subject or number, and pages without gaps or repeats', async () => {
    const made: TicketView[] = [];
    for (const [words, priority] of [
      ['咖啡机 坏了', 'high'],
      ['Invoice for May', 'low'],
      ['咖啡豆 退货', 'normal'],
    ] as const) {
      const { conversationId } = await desk.customerWhoWrote(undefined, words);
      made.push((await convert(conversationId, { priority })).body.ticket);
    }
    expect((await patch(made[1].id, { status: 'on-hold' })).status).toBe(200);
    expect((await patch(made[2].id, { assigneeId: product.agent.id })).status).toBe(200);

    const list = async (query: string) => {
      const response = await desk.api<TicketPage & ApiError>('GET', `/api/tickets?${query}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const ids = (page: TicketPage) => page.items.map((t) => t.id);

    const all = await list('limit=100');
    expect(all.total).toBe(all.items.length);
    const times = all.items.map((t) => Date.parse(t.lastActivityAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The most recently changed first.
    expect(all.items[0].id).toBe(made[2].id);

    expect(ids(await list('q=咖啡'))).toEqual([made[2].id, made[0].id]);
    expect(ids(await list(`q=${encodeURIComponent(`#${made[1].number}`)}`))).toEqual([made[1].id]);
    expect(ids(await list(`q=${made[1].number}`))).toEqual([made[1].id]);
    expect(ids(await list('q=FOR%20may'))).toEqual([made[1].id]);
    expect((await list('q=100%25')).total).toBe(0);
    expect(ids(await list('priority=high&q=咖啡'))).toEqual([made[0].id]);
    expect(ids(await list('status=on-hold'))).toContain(made[1].id);
    expect((await list('status=on-hold')).items.every((t) => t.status === 'on-hold')).toBe(true);
    expect((await list('status=unresolved')).items.every((t) => t.status !== 'closed')).toBe(true);
    expect((await list('assignee=me')).items.every((t) => t.assignee?.id === product.agent.id)).toBe(true);
    expect(ids(await list('assignee=me'))).toContain(made[2].id);
    expect((await list('assignee=none')).items.every((t) => t.assignee === null)).toBe(true);
    expect(ids(await list(`requesterId=${made[0].requester.id}`))).toEqual([made[0].id]);
    expect(ids(await list(`departmentId=${product.seed.department.id}&limit=100`))).toEqual(ids(all));

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TicketPage = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.total).toBe(all.total);
      walked.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(walked).toEqual(ids(all));

    for (const bad of ['limit=0', 'limit=101', 'status=solved', 'assignee=someone', 'cursor=bm9wZQ']) {
      const response = await desk.api<ApiError>('GET', `/api/tickets?${bad}`);
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
    }
  });
});
