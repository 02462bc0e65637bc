import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { WecomFixture } from './support/wecom-fixture.js';

interface Said {
  msgid: string;
  delivered: boolean;
  attempts: number;
  callbackToken: string;
  responses: Array<{ status: number | null; outcome: string }>;
}

/** WeCom's callback retry rule, and the clock, faults and call log reaching the WeCom endpoints. */
describe('WeCom callbacks and faults', () => {
  const f = new WecomFixture();
  beforeAll(() => f.start());
  beforeEach(async () => {
    f.receiver.reset();
    await f.control('DELETE', '/sim/faults');
  });
  afterAll(() => f.stop());

  const say = async (user: string, content = '在吗') =>
    (await f.control<Said>('POST', `${f.chat(user)}/messages`, { type: 'text', content })).body;
  const callbackPath = () => new URL(f.receiver.url).pathname;

  it('accepts any HTTP 200 within the deadline (an empty body is WeCom’s “nothing to reply”)', async () => {
    const user = await f.newCustomer();
    for (const body of ['', 'success', 'SUCCESS']) {
      f.receiver.respond = () => ({ body });
      expect(await say(user)).toMatchObject({ delivered: true, attempts: 1 });
    }
    await f.drain();
  });

  it('sends the same doorbell again on a non-200 or no answer in time: 3 attempts in all, then gives up', async () => {
    const user = await f.newCustomer();
    f.receiver.respond = (_req, i) => (i === 0 ? { status: 503, body: 'busy' } : 'hang');
    const said = await say(user, '没人理我');
    expect(said).toMatchObject({ delivered: false, attempts: 3 });
    expect(said.responses.map((r) => [r.status, r.outcome])).toEqual([
      [503, 'rejected'],
      [null, 'timeout'],
      [null, 'timeout'],
    ]);
    const pushes = f.receiver.received.map((_, i) => f.decryptPush(i));
    expect(pushes).toHaveLength(3);
    expect(new Set(pushes).size).toBe(1);
    expect(pushes[0]).toContain(`<Token><![CDATA[${said.callbackToken}]]></Token>`);
    // The message is in sync_msg all the same: a server's periodic pull without a token finds it.
    expect((await f.drain()).map((m) => m.msgid)).toEqual([said.msgid]);
    const thread = await f.control<{ items: Array<{ delivered: boolean; failure?: string }> }>(
      'GET',
      `${f.chat(user)}/thread`,
    );
    expect(thread.body.items.at(-1)).toMatchObject({ delivered: false, failure: 'no answer within 300 ms' });
  });

  it('stops at the first 200', async () => {
    const user = await f.newCustomer();
    f.receiver.respond = (_req, i) => (i === 0 ? { status: 500, body: 'oops' } : { body: '' });
    expect(await say(user)).toMatchObject({ delivered: true, attempts: 2 });
    expect(f.receiver.received).toHaveLength(2);
    await f.drain();
  });

  it('drops WeCom pushes when a drop-callback fault is armed on the callback path', async () => {
    const user = await f.newCustomer();
    await f.control('POST', '/sim/faults', { path: callbackPath(), kind: 'drop-callback', count: 3 });
    const lost = await say(user);
    expect(lost).toMatchObject({ delivered: false, attempts: 3 });
    expect(lost.responses.map((r) => r.outcome)).toEqual(['dropped', 'dropped', 'dropped']);
    expect(f.receiver.received).toHaveLength(0);
    await f.drain();
  });

  it('answers errcode -1 the WeCom way when busy is armed, and the refused call changes nothing', async () => {
    const user = await f.newCustomer();
    await say(user);
    await f.drain();
    await f.control('POST', '/sim/faults', { path: '/qyapi/cgi-bin/kf/send_msg', kind: 'busy', count: 5 });
    for (let i = 0; i < 5; i++) {
      const busy = await f.sendText(user, `try ${i}`);
      expect(busy.errcode).toBe(-1);
      expect(busy.errmsg).toMatch(/^system busy, hint: \[\w+\], from ip: 127\.0\.0\.1, more info at /);
    }
    for (let i = 0; i < 5; i++) expect((await f.sendText(user, `ok ${i}`)).errcode).toBe(0);
    const inbox = await f.control<Array<{ content: string }>>('GET', `${f.chat(user)}/inbox`);
    expect(inbox.body.map((m) => m.content)).toEqual(['ok 0', 'ok 1', 'ok 2', 'ok 3', 'ok 4']);
  });

  it('answers an HTML 500 and delays WeCom calls when armed, and logs them as wecom calls', async () => {
    await f.control('DELETE', '/sim/calls');
    await f.control('POST', '/sim/faults', { path: '/qyapi/cgi-bin/kf/sync_msg', kind: 'http-500' });
    const failed = await fetch(f.url('kf/sync_msg'), { method: 'POST', body: '{}' });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('text/html');
    await f.control('POST', '/sim/faults', { path: '/qyapi/cgi-bin/gettoken', kind: 'delay', ms: 250 });
    const began = Date.now();
    await f.refreshToken();
    expect(Date.now() - began).toBeGreaterThanOrEqual(240);
    const calls = await f.control<Array<{ platform: string; path: string; fault?: string; status: number }>>(
      'GET',
      '/sim/calls?platform=wecom',
    );
    expect(calls.body.map((c) => [c.path, c.status, c.fault ?? null])).toEqual([
      ['/qyapi/cgi-bin/kf/sync_msg', 500, 'http-500'],
      ['/qyapi/cgi-bin/gettoken', 200, 'delay'],
    ]);
    expect(calls.body.every((c) => c.platform === 'wecom')).toBe(true);
  });

  it('moves WeCom time with the clock: tokens expire (42001) and windows close (95002)', async () => {
    const user = await f.newCustomer();
    await say(user);
    await f.drain();
    f.sim.clock.advance(7200);
    expect((await f.sendText(user, 'late')).errcode).toBe(42001);
    await f.refreshToken();
    expect((await f.sendText(user, 'still in time')).errcode).toBe(0);
    f.sim.clock.advance(48 * 3600 - 7200);
    await f.refreshToken();
    expect((await f.sendText(user, 'too late')).errcode).toBe(95002);
  });
});
