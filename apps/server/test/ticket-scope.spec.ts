import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  DepartmentView,
  ServerToClientEvents,
  TicketAssigneeView,
  TicketDetailView,
  TicketPage,
  TicketThreadView,
  TicketView,
  UserView,
} from '#contracts';
import { io, type Socket } from 'socket.io-client';
import { OaDesk, type OaAccountFixture } from '../../../test/support/oa-desk.js';
import { startProduct, type Product } from '../../../test/support/product-harness.js';

type ApiError = { code: string; message: string };

/**
 * Who may see and change a ticket (NF5, CH5): agents the tickets of channels they are associated with,
 * supervisors also every ticket of their departments, admins all; the same people, and only they, get its
 * live events.
 *
 * Support (the demo department): channel "Demo Coffee", agent Li (the demo agent), supervisor Qian.
 * Sales: channel "Shop north", agent Sun, supervisor Zhou.
 */
describe('ticket scope', () => {
  let product: Product;
  let desk: OaDesk;
  let sales: DepartmentView;
  let north: OaAccountFixture;
  let sun: UserView;
  const tokens: Record<'li' | 'sun' | 'qian' | 'zhou' | 'admin', string> = {
    li: '',
    sun: '',
    qian: '',
    zhou: '',
    admin: '',
  };
  let supportTicket: TicketView;
  let salesTicket: TicketView;
  let salesConversation: string;

  const as = <T = ApiError>(who: keyof typeof tokens, method: string, path: string, body?: unknown) =>
    desk.api<T & ApiError>(method, path, body, tokens[who]);
  const user = async (email: string, name: string, role: string, departmentIds: string[]) =>
    (
      await desk.api<UserView>(
        'POST',
        '/api/users',
        { email, name, role, departmentIds, password: `${name}-password-1` },
        product.admin.token,
      )
    ).body;

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    tokens.li = desk.agentToken;
    tokens.admin = product.admin.token;
    sales = (await desk.api<DepartmentView>('POST', '/api/departments', { name: 'Sales' }, tokens.admin))
      .body;
    sun = await user('sun@example.com', 'sun', 'agent', [sales.id]);
    await user('qian@example.com', 'qian', 'supervisor', [product.seed.department.id]);
    await user('zhou@example.com', 'zhou', 'supervisor', [sales.id]);
    for (const who of ['sun', 'qian', 'zhou'] as const) {
      tokens[who] = await product.login(`${who}@example.com`, `${who}-password-1`);
    }
    north = await desk.createOaChannel({ suffix: 'north' });
    await desk.api('PATCH', `/api/channels/${north.channelId}`, { departmentId: sales.id }, tokens.admin);
    await desk.api('PUT', `/api/channels/${north.channelId}/agents`, { agentIds: [sun.id] }, tokens.admin);

    const support = await desk.customerWhoWrote(undefined, 'Support question');
    supportTicket = (
      await as<TicketDetailView>('li', 'POST', '/api/tickets', { conversationId: support.conversationId })
    ).body.ticket;
    const openid = await desk.newCustomer(north);
    await desk.customerSays(openid, 'Sales question', north);
    salesConversation = await desk.conversationIdOf(openid);
    const created = await as<TicketDetailView>('sun', 'POST', '/api/tickets', {
      conversationId: salesConversation,
    });
    expect(created.status).toBe(201);
    salesTicket = created.body.ticket;
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await product?.stop();
  });

  const listed = async (who: keyof typeof tokens) =>
    (await as<TicketPage>(who, 'GET', '/api/tickets?limit=100')).body.items.map((t) => t.id);

  it('shows each agent the tickets of their channels, supervisors their departments’, admins all', async () => {
    expect(await listed('li')).toEqual([supportTicket.id]);
    expect(await listed('sun')).toEqual([salesTicket.id]);
    expect(await listed('qian')).toEqual([supportTicket.id]);
    expect(await listed('zhou')).toEqual([salesTicket.id]);
    expect((await listed('admin')).sort()).toEqual([supportTicket.id, salesTicket.id].sort());
    expect((await as('admin', 'GET', `/api/tickets/${salesTicket.id}`)).status).toBe(200);
  });

  it('hides another department’s ticket from an agent, and lets them change nothing of it', async () => {
    const before = await desk.sql(
      `SELECT t.*, (SELECT count(*) FROM ticket_activities a WHERE a.ticket_id = t.id) AS entries,
              (SELECT count(*) FROM ticket_conversations c WHERE c.ticket_id = t.id) AS links
       FROM tickets t WHERE t.id = $1`,
      [supportTicket.id],
    );
    const supportConversation = (await desk.api<TicketDetailView>('GET', `/api/tickets/${supportTicket.id}`))
      .body.conversations[0].conversationId;
    const id = supportTicket.id;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/tickets/${id}`],
      ['GET', `/api/tickets/${id}/thread`],
      ['GET', `/api/tickets/${id}/assignees`],
      ['PATCH', `/api/tickets/${id}`, { priority: 'urgent' }],
      ['PATCH', `/api/tickets/${id}`, { assigneeId: sun.id }],
      ['POST', `/api/tickets/${id}/conversations`, { conversationId: salesConversation }],
      ['DELETE', `/api/tickets/${id}/conversations/${supportConversation}`],
      ['GET', `/api/conversations/${supportConversation}/ticket`],
      ['POST', '/api/tickets', { conversationId: supportConversation }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await as('sun', method, path, body);
      // Not found, exactly like a ticket that does not exist: an agent learns nothing about it.
      expect({ method, path, status: response.status, code: response.body.code }).toEqual({
        method,
        path,
        status: 404,
        code: 'not_found',
      });
    }
    // A supervisor of another department is told they may not.
    expect((await as('zhou', 'GET', `/api/tickets/${id}`)).status).toBe(403);
    expect((await as('zhou', 'PATCH', `/api/tickets/${id}`, { priority: 'urgent' })).status).toBe(403);
    expect(
      await desk.sql(
        `SELECT t.*, (SELECT count(*) FROM ticket_activities a WHERE a.ticket_id = t.id) AS entries,
                (SELECT count(*) FROM ticket_conversations c WHERE c.ticket_id = t.id) AS links
         FROM tickets t WHERE t.id = $1`,
        [id],
      ),
    ).toEqual(before);
  });

  it('assigns only active members of the department who can open the ticket', async () => {
    const names = async (ticketId: string, who: keyof typeof tokens, query = '') =>
      (await as<TicketAssigneeView[]>(who, 'GET', `/api/tickets/${ticketId}/assignees${query}`)).body.map(
        (a) => a.name,
      );
    expect(await names(supportTicket.id, 'li')).toEqual(
      ['qian', product.seed.agent.name].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    expect(await names(salesTicket.id, 'sun')).toEqual(['sun', 'zhou']);

    const refused = await as('li', 'PATCH', `/api/tickets/${supportTicket.id}`, { assigneeId: sun.id });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(`sun is not a member of ${product.seed.department.name}`);

    // Li joins Sales but is not associated with its channel: they could not open the ticket.
    await desk.api(
      'PATCH',
      `/api/users/${product.agent.id}`,
      {
        departmentIds: [product.seed.department.id, sales.id],
      },
      tokens.admin,
    );
    const blind = await as('sun', 'PATCH', `/api/tickets/${salesTicket.id}`, {
      assigneeId: product.agent.id,
    });
    expect(blind.status).toBe(400);
    expect(blind.body.message).toContain("is not associated with the channel of this ticket's conversations");
    expect(await names(salesTicket.id, 'sun')).toEqual(['sun', 'zhou']);
  });

  it('lets a supervisor see their department’s ticket from another channel, but not its thread; agents still not', async () => {
    // The Sales ticket moves to Support: Qian (Support) now sees it, its conversation stays on Sales' channel.
    const moved = await as<TicketDetailView>('sun', 'PATCH', `/api/tickets/${salesTicket.id}`, {
      departmentId: product.seed.department.id,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket.assignee).toBeNull();
    expect((await listed('qian')).sort()).toEqual([supportTicket.id, salesTicket.id].sort());
    const thread = await as<TicketThreadView>('qian', 'GET', `/api/tickets/${salesTicket.id}/thread`);
    expect(thread.status).toBe(200);
    expect(thread.body).toEqual({ segments: [], hiddenConversations: 1 });
    const seen = await as<TicketDetailView>('qian', 'GET', `/api/tickets/${salesTicket.id}`);
    expect(seen.body.conversations).toEqual([expect.objectContaining({ conversation: null })]);
    // Li is in Support too, but an agent sees tickets by channel: the thread is a chat they may not read.
    expect(await listed('li')).toEqual([supportTicket.id]);
    expect((await as('li', 'GET', `/api/tickets/${salesTicket.id}`)).status).toBe(404);
    // Sun and Zhou still see it: its conversation is on Sales' channel.
    expect(await listed('sun')).toEqual([salesTicket.id]);
    expect(await listed('zhou')).toEqual([salesTicket.id]);
  });

  it('sends ticket events to those who see the ticket’s conversations, and to no one else', async () => {
    type Received = Parameters<ServerToClientEvents['ticket.updated']>[0];
    const connect = async (token: string) => {
      const socket: Socket = io(product.serverUrl, { auth: { token }, transports: ['websocket'] });
      const received: Received[] = [];
      socket.on('ticket.updated', (payload: Received) => received.push(payload));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return { socket, received };
    };
    const li = await connect(tokens.li);
    const sunSocket = await connect(tokens.sun);
    try {
      expect((await as('li', 'PATCH', `/api/tickets/${supportTicket.id}`, { priority: 'high' })).status).toBe(
        200,
      );
      expect((await as('sun', 'PATCH', `/api/tickets/${salesTicket.id}`, { priority: 'low' })).status).toBe(
        200,
      );
      // Each sees their own; whoever got the other's would have it before their own (events are in order).
      await desk.until(
        async () => [li.received.length, sunSocket.received.length],
        ([a, b]) => a > 0 && b > 0,
      );
      expect(li.received.map((e) => [e.ticket.id, e.ticket.priority])).toEqual([[supportTicket.id, 'high']]);
      expect(sunSocket.received.map((e) => [e.ticket.id, e.ticket.priority])).toEqual([
        [salesTicket.id, 'low'],
      ]);
    } finally {
      li.socket.disconnect();
      sunSocket.socket.disconnect();
    }
  });
});
