import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SimulatorClock } from '../src/clock.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { control, getJson } from './support/http.js';

const APP = {
  appId: 'wx4444444444444444',
  appSecret: 's4',
  token: 't4',
  originalId: 'gh_4',
  encryptionMode: 'plaintext',
  callbackUrl: 'http://127.0.0.1:9/cb',
};

describe('control API: call log, faults, clock, phone page', () => {
  let sim: Simulator;
  const tokenUrl = () =>
    `${sim.url}/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=${APP.appSecret}`;

  beforeAll(async () => {
    sim = await startSimulator({ clock: new SimulatorClock({ frozen: true, startMs: 1_700_000_000_000 }) });
    await control(sim.url, 'POST', '/sim/oa/accounts', APP);
  });
  afterAll(() => sim.close());

  it('records every platform API call with its answer, readable since a sequence number', async () => {
    await control(sim.url, 'DELETE', '/sim/calls');
    await getJson(tokenUrl());
    await getJson(`${sim.url}/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=wrong`);
    const all = (await control<Array<Record<string, unknown>>>(sim.url, 'GET', '/sim/calls')).body;
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      at: 1_700_000_000_000,
      platform: 'oa',
      method: 'GET',
      path: '/cgi-bin/token',
      query: { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret },
      status: 200,
      response: { expires_in: 7200 },
    });
    expect(all[1]).toMatchObject({ response: { errcode: 40125 } });
    const since = (await control<unknown[]>(sim.url, 'GET', `/sim/calls?since=${all[0].seq as number}`)).body;
    expect(since).toEqual([all[1]]);
    // Control calls are not platform calls.
    expect((await control<unknown[]>(sim.url, 'GET', '/sim/calls')).body).toHaveLength(2);
    await control(sim.url, 'DELETE', '/sim/calls');
    expect((await control<unknown[]>(sim.url, 'GET', '/sim/calls')).body).toEqual([]);
  });

  it('arms faults: busy answers errcode -1, http-500 a 500 page, each for `count` calls', async () => {
    await control(sim.url, 'POST', '/sim/faults', { path: '/cgi-bin/token', kind: 'busy' });
    await control(sim.url, 'POST', '/sim/faults', { path: '/cgi-bin/token', kind: 'http-500', count: 2 });
    const busy = await getJson(tokenUrl());
    expect(busy).toMatchObject({ errcode: -1 });
    expect(busy.errmsg).toMatch(/^system error/);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(tokenUrl());
      expect(response.status).toBe(500);
      expect(await response.text()).toContain('500 Internal Server Error');
    }
    expect(await getJson(tokenUrl())).toHaveProperty('access_token');
    const logged = (
      await control<Array<{ fault?: string }>>(sim.url, 'GET', '/sim/calls?path=/cgi-bin/token')
    ).body;
    expect(logged.map((c) => c.fault ?? null)).toEqual(['busy', 'http-500', 'http-500', null]);
  });

  it('delays an answer by `ms`', async () => {
    await control(sim.url, 'POST', '/sim/faults', { path: '*', kind: 'delay', ms: 300 });
    const began = Date.now();
    expect(await getJson(tokenUrl())).toHaveProperty('access_token');
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    await control(sim.url, 'DELETE', '/sim/faults');
    expect((await control(sim.url, 'GET', '/sim/faults')).body).toEqual([]);
  });

  it('refuses a malformed fault with a readable error', async () => {
    const bad = await control<{ error: string }>(sim.url, 'POST', '/sim/faults', {
      path: '/x',
      kind: 'explode',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/kind/);
  });

  it('moves the clock forward', async () => {
    const before = (await control<{ now: number }>(sim.url, 'GET', '/sim/clock')).body.now;
    const after = await control<{ now: number }>(sim.url, 'POST', '/sim/clock/advance', { seconds: 3600 });
    expect(after.body.now - before).toBe(3_600_000);
    expect((await control(sim.url, 'POST', '/sim/clock/advance', { seconds: -1 })).status).toBe(400);
  });

  it('answers the platform way for wrong methods and unknown paths', async () => {
    const wrongMethod = await fetch(`${sim.url}/cgi-bin/token`, { method: 'POST' });
    expect(((await wrongMethod.json()) as { errcode: number }).errcode).toBe(43001);
    const unknown = await fetch(`${sim.url}/cgi-bin/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errcode: number }).errcode).toBe(40066);
    expect((await control(sim.url, 'GET', '/sim/oa/accounts/nope')).status).toBe(404);
  });

  it('serves the phone page, and / redirects to it', async () => {
    const page = await fetch(`${sim.url}/phone`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain('/sim/oa/accounts');
    expect(text).toContain('id="send"');
    const root = await fetch(`${sim.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/phone');
  });
});
