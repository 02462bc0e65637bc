import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ChannelPreferencesView,
  DepartmentPreferencesView,
  DepartmentSettings,
  TicketDetailView,
} from '#contracts';
import { OaDesk } from '../../../test/support/oa-desk.js';
import { startProduct, type Product } from '../../../test/support/product-harness.js';
import { ChatTimersSweeper } from '../src/chat-timers/chat-timers.sweeper.js';
import { FakeClock } from '../src/common/clock.js';
import { DEFAULT_SETTINGS } from '../src/preferences/preference-defaults.js';

type ApiError = { code: string; message: string };
const MINUTE = 60_000;

/**
 * The chat timers against the real server, PostgreSQL and the WeChat simulator (PF2–PF4), on a fake clock
 * the test moves: missed, missed-chat auto-close, the idle warning and idle auto-close with its closing
 * message, and two server processes sweeping the same due chats at once.
 */
describe('chat timers', () => {
  const clock = FakeClock.running();
  let product: Product;
  let desk: OaDesk;
  let sweeper: ChatTimersSweeper;

  beforeAll(async () => {
    // The sweepers' own interval is long; the test sweeps when it has moved the clock.
    product = await startProduct({ clock, env: { TIMER_SWEEP_SECONDS: '15' } });
    desk = await OaDesk.open(product);
    sweeper = product.app.get(ChatTimersSweeper);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await product?.stop();
  });

  /** Our clock and WeChat's move together: customers' messages carry the simulator's CreateTime. */
  const advance = (ms: number) => {
    clock.advance(ms);
    product.simulator.clock.advance(ms / 1000);
  };
  const departmentId = () => product.seed.department.id;
  const save = (settings: Partial<DepartmentSettings>, token = product.admin.token) =>
    desk.api<DepartmentPreferencesView & ApiError>(
      'PUT',
      `/api/preferences/departments/${departmentId()}`,
      { ...DEFAULT_SETTINGS, ...settings },
      token,
    );
  const activity = (conversationId: string) =>
    desk.sql<{ kind: string; reason: string | null; to_status: string | null }>(
      `SELECT kind, reason, to_status FROM conversation_activities WHERE conversation_id = $1 ORDER BY id`,
      [conversationId],
    );
  const statusOf = async (conversationId: string) =>
    (
      await desk.sql<{ status: string }>(`SELECT status FROM conversations WHERE id = $1`, [conversationId])
    )[0]!.status;

  it('only admins change preferences; bad input is refused with a reason and changes nothing', async () => {
    expect((await save({ autoTicket: true }, desk.agentToken)).status).toBe(403);
    const before = await desk.sql(`SELECT * FROM department_preferences`);

    const tooShort = await save({ missedClose: { enabled: true, afterMinutes: 5 } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.message).toMatch(/15 minutes/);
    const tooLong = await save({
      idleClose: { enabled: true, afterMinutes: 25 * 60, warnBeforeMinutes: 5, closingMessage: null },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/24 hours/);
    const warnAfter = await save({
      idleClose: { enabled: true, afterMinutes: 10, warnBeforeMinutes: 10, closingMessage: null },
    });
    expect(warnAfter.body.message).toMatch(/warning must come before/);
    const badZone = await save({
      businessHours: { timeZone: 'Asia/Atlantis', weekly: [[], [], [], [], [], [], []], exceptions: [] },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.message).toMatch(/not a time zone/);
    const unknownField = await desk.api<ApiError>(
      'PUT',
      `/api/preferences/departments/${departmentId()}`,
      { ...DEFAULT_SETTINGS, botIdle: 5 },
      product.admin.token,
    );
    expect(unknownField.status).toBe(400);
    expect(await desk.sql(`SELECT * FROM department_preferences`)).toEqual(before);

    const channelOverride = await desk.api<ApiError>(
      'PUT',
      `/api/preferences/channels/${product.seed.channel.id}`,
      { overrides: { autoTicket: null } },
      product.admin.token,
    );
    expect(channelOverride.status).toBe(400);
    expect(channelOverride.body.message).toMatch(/autoTicket cannot be null/);
    const nested = await desk.api<ApiError>(
      'PUT',
      `/api/preferences/channels/${product.seed.channel.id}`,
      { overrides: { missedClose: { enabled: true, afterMinutes: 5 } } },
      product.admin.token,
    );
    expect(nested.status).toBe(400);
    expect(nested.body.message).toMatch(/15 minutes/);
    const noMinutes = await desk.api<ApiError>(
      'PUT',
      `/api/preferences/channels/${product.seed.channel.id}`,
      { overrides: { ticketTimer: { mode: 'after' } } },
      product.admin.token,
    );
    expect(noMinutes.status).toBe(400);
    expect(noMinutes.body.message).toMatch(/ticketTimer.minutes/);
    expect(await desk.sql(`SELECT * FROM channel_preferences`)).toEqual([]);

    // A channel override that is fine: the channel's effective rules change, the department's do not.
    const override = await desk.api<ChannelPreferencesView>(
      'PUT',
      `/api/preferences/channels/${product.seed.channel.id}`,
      { overrides: { autoTicket: true } },
      product.admin.token,
    );
    expect(override.status).toBe(200);
    expect(override.body.overrides).toEqual({ autoTicket: true });
    expect(override.body.effective.autoTicket).toBe(true);
    expect(override.body.effective.missedAfterMinutes).toBe(DEFAULT_SETTINGS.missedAfterMinutes);
    const cleared = await desk.api<ChannelPreferencesView>(
      'PUT',
      `/api/preferences/channels/${product.seed.channel.id}`,
      { overrides: {} },
      product.admin.token,
    );
    expect(cleared.body.effective.autoTicket).toBe(false);
    expect(
      (
        await desk.api(
          'GET',
          `/api/preferences/channels/${product.seed.channel.id}`,
          undefined,
          desk.agentToken,
        )
      ).status,
    ).toBe(403);
  });

  it('a chat nobody takes is missed after the set time, then closes and can no longer be answered', async () => {
    expect(
      (await save({ missedAfterMinutes: 5, missedClose: { enabled: true, afterMinutes: 15 } })).status,
    ).toBe(200);
    const { conversationId } = await desk.customerWhoWrote(undefined, '有人吗');

    advance(4 * MINUTE);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('waiting');

    advance(1 * MINUTE + 1000);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('missed');
    expect(await activity(conversationId)).toEqual([
      { kind: 'missed', reason: 'Missed: nobody took it within 5 min', to_status: 'missed' },
    ]);

    advance(14 * MINUTE);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('missed');
    advance(1 * MINUTE + 1000);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('closed');
    expect((await activity(conversationId)).at(-1)).toEqual({
      kind: 'closed',
      reason: 'Closed 15 min after it was missed',
      to_status: 'closed',
    });
    // Swept again: nothing fires twice.
    await sweeper.sweep();
    expect(await activity(conversationId)).toHaveLength(2);
    const reply = await desk.reply(conversationId, 'Sorry for the wait');
    expect(reply.status).toBe(409);
  });

  it('a chat transferred back to the queue waits afresh before it is missed', async () => {
    expect((await save({ missedAfterMinutes: 5 })).status).toBe(200);
    const { conversationId } = await desk.customerWhoWrote(undefined, '转人工');
    expect((await desk.replyAndSettle(conversationId, '我帮您转给同事')).deliveryState).toBe('sent');
    advance(10 * MINUTE);
    const transfer = await desk.api(
      'POST',
      `/api/conversations/${conversationId}/transfer`,
      { departmentId: departmentId(), note: null },
      product.admin.token,
    );
    expect(transfer.status).toBe(200);
    expect(await statusOf(conversationId)).toBe('waiting');
    // The due time of the first wait has long passed: it does not count.
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('waiting');
    advance(4 * MINUTE);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('waiting');
    advance(1 * MINUTE + 1000);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('missed');
  });

  it('an idle chat: the agent is warned, any message resets the timer, then it closes with the goodbye', async () => {
    expect(
      (
        await save({
          missedAfterMinutes: 60,
          idleClose: {
            enabled: true,
            afterMinutes: 30,
            warnBeforeMinutes: 5,
            closingMessage: '再见，欢迎再来',
          },
        })
      ).status,
    ).toBe(200);
    const { openid, conversationId } = await desk.customerWhoWrote(undefined, '我想问一下');
    expect((await desk.replyAndSettle(conversationId, '您好，请讲')).deliveryState).toBe('sent');
    const ticket = await desk.api<TicketDetailView>('POST', '/api/tickets', { conversationId });
    expect(ticket.status).toBe(201);
    expect(await statusOf(conversationId)).toBe('active');

    advance(26 * MINUTE);
    await sweeper.sweep();
    const warnings = (await activity(conversationId)).filter((a) => a.kind === 'idle-warning');
    expect(warnings).toEqual([
      {
        kind: 'idle-warning',
        reason: 'Closes in 5 min unless someone writes (idle for 25 min)',
        to_status: null,
      },
    ]);
    await sweeper.sweep();
    expect((await activity(conversationId)).filter((a) => a.kind === 'idle-warning')).toHaveLength(1);

    // The customer writes: 30 minutes from now, not from the agent's reply.
    await desk.customerSays(openid, '还在吗');
    advance(5 * MINUTE);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('active');

    advance(21 * MINUTE);
    await sweeper.sweep();
    expect((await activity(conversationId)).filter((a) => a.kind === 'idle-warning')).toHaveLength(2);
    expect(await statusOf(conversationId)).toBe('active');
    advance(5 * MINUTE);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('closed');
    const entries = await activity(conversationId);
    expect(entries.filter((a) => a.kind === 'idle-warning')).toHaveLength(2);
    expect(entries.at(-1)).toEqual({
      kind: 'closed',
      reason: 'Closed after 30 min idle',
      to_status: 'closed',
    });
    const history = await eventually(
      async () =>
        (await desk.api<TicketDetailView>('GET', `/api/tickets/${ticket.body.ticket.id}`)).body.activity,
      (entries) => entries.some((e) => e.change.kind === 'conversation-closed'),
    );
    expect(history.at(-1)).toMatchObject({
      actor: null,
      change: { kind: 'conversation-closed', conversationId },
      reason: 'Closed after 30 min idle',
    });
    expect(
      await eventually(
        async () => (await desk.inbox(openid)).map((m) => m.content),
        (c) => c.includes('再见，欢迎再来'),
      ),
    ).toContain('再见，欢迎再来');
  });

  it('no closing message once the WeChat window has closed: the activity says it was skipped', async () => {
    const { conversationId } = await desk.customerWhoWrote(undefined, '周末营业吗');
    expect((await desk.replyAndSettle(conversationId, '营业的')).deliveryState).toBe('sent');
    // The customer's last message is 49 hours old (no screen sets this; the conversation is otherwise real).
    await desk.sql(
      `UPDATE conversations SET last_customer_message_at = $2::timestamptz - interval '49 hours' WHERE id = $1`,
      [conversationId, clock.now()],
    );
    advance(31 * MINUTE);
    await sweeper.sweep();
    expect(await statusOf(conversationId)).toBe('closed');
    const entries = (await activity(conversationId)).filter((a) => a.kind !== 'idle-warning');
    expect(entries).toEqual([
      // The agent's reply took the waiting chat.
      { kind: 'picked', reason: null, to_status: 'active' },
      {
        kind: 'closing-message-skipped',
        reason: expect.stringMatching(/^Closing message not sent: .*48/),
        to_status: null,
      },
      { kind: 'closed', reason: 'Closed after 30 min idle', to_status: 'closed' },
    ]);
    const outbound = await desk.sql(
      `SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'outbound' ORDER BY seq`,
      [conversationId],
    );
    expect(outbound).toEqual([{ text: '营业的' }]);
  });

  it('two server processes sweeping the same due chats close each exactly once and skip none', async () => {
    expect(
      (
        await save({
          missedAfterMinutes: 60,
          idleClose: { enabled: true, afterMinutes: 30, warnBeforeMinutes: 5, closingMessage: null },
        })
      ).status,
    ).toBe(200);
    const other = await product.startAnotherServer();
    const otherSweeper = other.app.get(ChatTimersSweeper);
    const count = 240;
    const ids = (
      await desk.sql<{ id: string }>(
        `WITH people AS (
           INSERT INTO contacts (channel_id, platform_user_id, display_name)
           SELECT $1, 'sweep-' || i, 'Sweep ' || i FROM generate_series(1, $3::int) i RETURNING id
         )
         INSERT INTO conversations (channel_id, contact_id, department_id, status, assignee_id, last_message_at,
                                    last_customer_message_at, idle_close_after_minutes, idle_warn_before_minutes)
         SELECT $1, id, $2, 'active', $4, $5::timestamptz - interval '31 minutes', $5::timestamptz - interval '31 minutes', 30, 5
         FROM people RETURNING id`,
        [product.seed.channel.id, departmentId(), count, product.agent.id, clock.now()],
      )
    ).map((row) => row.id);

    const [mine, theirs] = await Promise.all([sweeper.sweep(), otherSweeper.sweep()]);
    // Both took part (the race is real), and between them they fired each chat's close once.
    expect(mine['idle-close']).toBeGreaterThan(0);
    expect(theirs['idle-close']).toBeGreaterThan(0);
    expect(mine['idle-close'] + theirs['idle-close']).toBe(count);
    const closes = await desk.sql<{ id: string; status: string; closes: number }>(
      `SELECT c.id, c.status, (SELECT count(*)::int FROM conversation_activities a
                               WHERE a.conversation_id = c.id AND a.kind = 'closed') AS closes
       FROM conversations c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(closes).toHaveLength(count);
    expect(closes.filter((c) => c.status !== 'closed' || c.closes !== 1)).toEqual([]);
    await other.stop();
  }, 60_000);
});

/** The value once `ok` holds (the outbound sender delivers after commit), or the last one after 10 s. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
