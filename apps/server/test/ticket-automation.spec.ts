import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationTicketView, DepartmentSettings, TicketDetailView, TimeRange } from '#contracts';
import { OaDesk } from '../../../test/support/oa-desk.js';
import { startProduct, type Product } from '../../../test/support/product-harness.js';
import { FakeClock } from '../src/common/clock.js';
import { DEFAULT_SETTINGS } from '../src/preferences/preference-defaults.js';

const MINUTE = 60_000;

/**
 * Chats that become tickets by themselves, against the real server, PostgreSQL and the simulator, on a fake
 * clock: the ticket timer's boundaries (TK2), auto conversion (TK1), leave a message outside business hours
 * in the department's time zone (TK4).
 */
describe('ticket automation', () => {
  const clock = FakeClock.running();
  let product: Product;
  let desk: OaDesk;

  beforeAll(async () => {
    product = await startProduct({ clock, env: { TIMER_SWEEP_SECONDS: '15' } });
    desk = await OaDesk.open(product);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await product?.stop();
  });

  const advance = (ms: number) => {
    clock.advance(ms);
    product.simulator.clock.advance(ms / 1000);
  };
  const save = async (settings: Partial<DepartmentSettings>) => {
    const response = await desk.api(
      'PUT',
      `/api/preferences/departments/${product.seed.department.id}`,
      { ...DEFAULT_SETTINGS, missedAfterMinutes: 24 * 60, ...settings },
      product.admin.token,
    );
    expect(response.status).toBe(200);
  };
  const ticketOf = async (conversationId: string) =>
    (await desk.api<ConversationTicketView>('GET', `/api/conversations/${conversationId}/ticket`)).body
      .ticket;
  const conversationActivity = (conversationId: string) =>
    desk.sql<{ kind: string; reason: string }>(
      `SELECT kind, reason FROM conversation_activities WHERE conversation_id = $1 ORDER BY id`,
      [conversationId],
    );

  it('ticket timer: a minute before the duration joins the ticket, a minute after starts a new one', async () => {
    await save({ ticketTimer: { mode: 'after', minutes: 120 } });
    const { openid, conversationId } = await desk.customerWhoWrote(undefined, '发票开错了');
    const converted = await desk.api<TicketDetailView>('POST', '/api/tickets', { conversationId });
    expect(converted.status).toBe(201);
    const first = converted.body.ticket;

    advance(119 * MINUTE);
    await desk.customerSays(openid, '抬头应该是公司名');
    const touched = await eventually(
      () => ticketOf(conversationId),
      (t) => t !== null && t.lastActivityAt !== first.lastActivityAt,
    );
    expect(touched!.id).toBe(first.id);

    advance(121 * MINUTE);
    await desk.customerSays(openid, '还有一张也错了');
    const next = await eventually(
      () => ticketOf(conversationId),
      (t) => t !== null && t.id !== first.id,
    );
    expect(next).toMatchObject({ previousTicket: { id: first.id, number: first.number } });
    const detail = (await desk.api<TicketDetailView>('GET', `/api/tickets/${next!.id}`)).body;
    expect(detail.activity[0]).toMatchObject({
      actor: null,
      change: { kind: 'created', previousTicket: { number: first.number } },
      reason: `Customer wrote 2 h 1 min after #${first.number}`,
    });
    expect((await conversationActivity(conversationId)).at(-1)).toEqual({
      kind: 'ticket-created',
      reason: `New ticket #${next!.number}: customer wrote 2 h 1 min after #${first.number}`,
    });
  });

  it('auto conversion: with the setting on, a chat is a ticket as soon as it starts', async () => {
    await save({ autoTicket: true });
    const { conversationId } = await desk.customerWhoWrote(undefined, '退货流程是什么');
    const ticket = await eventually(
      () => ticketOf(conversationId),
      (t) => t !== null,
    );
    expect(ticket).toMatchObject({
      subject: '退货流程是什么',
      department: { id: product.seed.department.id },
    });
    // The conversation's activity line is written just after the ticket (its own transaction).
    expect(
      await eventually(
        () => conversationActivity(conversationId),
        (entries) => entries.length > 0,
      ),
    ).toEqual([
      {
        kind: 'ticket-created',
        reason: `Ticket #${ticket!.number}: auto conversion: chats of this channel become tickets`,
      },
    ]);
  });

  it('leave a message: the same moment is open in Shanghai and closed in Los Angeles', async () => {
    // Move to the next Monday 10:00 in Shanghai (02:00 UTC), which is Sunday evening in Los Angeles.
    const now = clock.now();
    const target = new Date(now);
    target.setUTCHours(2, 0, 0, 0);
    while (target.getUTCDay() !== 1 || target <= now) target.setTime(target.getTime() + 24 * 60 * MINUTE);
    advance(target.getTime() - now.getTime());

    const nineToSix: TimeRange[] = [{ from: '09:00', to: '18:00' }];
    const weekdays = [[], nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, []];
    const leaveMessage = { enabled: true, reply: '我们现在下班了，明天回复您' };
    await save({
      leaveMessage,
      businessHours: { timeZone: 'Asia/Shanghai', weekly: weekdays, exceptions: [] },
    });
    const open = await desk.customerWhoWrote(undefined, '上班时间吗');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ticketOf(open.conversationId)).toBeNull();
    expect(await desk.inbox(open.openid)).toEqual([]);

    await save({
      leaveMessage,
      businessHours: { timeZone: 'America/Los_Angeles', weekly: weekdays, exceptions: [] },
    });
    const closed = await desk.customerWhoWrote(undefined, '有人在吗');
    const ticket = await eventually(
      () => ticketOf(closed.conversationId),
      (t) => t !== null,
    );
    expect(ticket).toMatchObject({ assignee: null, department: { id: product.seed.department.id } });
    const [row] = await desk.sql<{ left_message_reason: string }>(
      `SELECT left_message_reason FROM conversations WHERE id = $1`,
      [closed.conversationId],
    );
    expect(row!.left_message_reason).toBe('outside-business-hours');
    expect(await conversationActivity(closed.conversationId)).toEqual([
      { kind: 'left-message', reason: 'Left a message: outside business hours (America/Los_Angeles)' },
      {
        kind: 'ticket-created',
        reason: `Ticket #${ticket!.number}: left a message: outside business hours (America/Los_Angeles)`,
      },
    ]);
    const inbox = await eventually(
      () => desk.inbox(closed.openid),
      (messages) => messages.length > 0,
    );
    expect(inbox.map((m) => m.content)).toEqual(['我们现在下班了，明天回复您']);
  });
});

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
