import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SimulatorClock } from '../src/clock.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { control, getJson, postJson } from './support/http.js';

const APP = {
  appId: 'wx1111111111111111',
  appSecret: 'secret-one',
  token: 'tok',
  originalId: 'gh_000000000001',
};

describe('OA access_token (cgi-bin/token and stable_token)', () => {
  let sim: Simulator;
  const tokenUrl = (appid = APP.appId, secret = APP.appSecret, grant = 'client_credential') =>
    `${sim.url}/cgi-bin/token?grant_type=${grant}&appid=${appid}&secret=${secret}`;
  const sendText = (token: string) =>
    postJson(`${sim.url}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, {
      touser: 'nobody',
      msgtype: 'text',
      text: { content: 'hi' },
    });

  beforeAll(async () => {
    sim = await startSimulator({ clock: new SimulatorClock({ frozen: true }) });
    await control(sim.url, 'POST', '/sim/oa/accounts', {
      ...APP,
      encryptionMode: 'plaintext',
      callbackUrl: 'http://127.0.0.1:9/cb',
    });
  });
  afterAll(() => sim.close());

  it('issues a token valid for 7200 s', async () => {
    const answer = await getJson<{ access_token: string; expires_in: number }>(tokenUrl());
    expect(answer.expires_in).toBe(7200);
    expect(answer.access_token).toMatch(/^\d+_[A-Za-z0-9_-]{100,}$/);
    // A valid token gets past authentication: the refusal is about the unknown openid, not the token.
    expect((await sendText(answer.access_token)).errcode).toBe(40003);
  });

  it('expires the token by the clock with 42001', async () => {
    const { access_token } = await getJson<{ access_token: string }>(tokenUrl());
    sim.clock.advance(7199);
    expect((await sendText(access_token)).errcode).toBe(40003);
    sim.clock.advance(1);
    const expired = await sendText(access_token);
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toMatch(/^access_token expired rid: /);
  });

  it('keeps the previous token for the 300 s overlap after a new one is issued, then answers 40001', async () => {
    const first = (await getJson<{ access_token: string }>(tokenUrl())).access_token;
    const second = (await getJson<{ access_token: string }>(tokenUrl())).access_token;
    expect(second).not.toBe(first);
    sim.clock.advance(299);
    expect((await sendText(first)).errcode).toBe(40003);
    sim.clock.advance(1);
    const stale = await sendText(first);
    expect(stale.errcode).toBe(40001);
    expect(stale.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest/);
    expect((await sendText(second)).errcode).toBe(40003);
  });

  it('answers 40001 for a well-formed unknown token, 40014 for a malformed one, 41001 without one', async () => {
    expect((await sendText(`72_${'A'.repeat(130)}`)).errcode).toBe(40001);
    expect((await sendText('not-a-token')).errcode).toBe(40014);
    const missing = await postJson(`${sim.url}/cgi-bin/message/custom/send`, {});
    expect(missing.errcode).toBe(41001);
  });

  it('refuses an unknown appid (40013), a wrong secret (40125) and a wrong grant_type (40002)', async () => {
    const unknown = await getJson(tokenUrl('wx_unknown'));
    expect(unknown.errcode).toBe(40013);
    expect(unknown.errmsg).toMatch(/^invalid appid rid: /);
    const badSecret = await getJson(tokenUrl(APP.appId, 'wrong'));
    expect(badSecret.errcode).toBe(40125);
    expect(badSecret.errmsg).toMatch(/^invalid appsecret rid: /);
    expect((await getJson(tokenUrl(APP.appId, APP.appSecret, 'password'))).errcode).toBe(40002);
  });

  it('refuses callers outside the IP whitelist with 40164 and lets them in once listed', async () => {
    await control(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/ip-whitelist`, {
      enabled: true,
      ips: ['10.1.2.3'],
    });
    const refused = await getJson(tokenUrl());
    expect(refused.errcode).toBe(40164);
    expect(refused.errmsg).toMatch(
      /^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /,
    );
    await control(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/ip-whitelist`, {
      enabled: true,
      ips: ['10.1.2.3', '127.0.0.1'],
    });
    expect(await getJson(tokenUrl())).toHaveProperty('access_token');
    await control(sim.url, 'POST', `/sim/oa/accounts/${APP.appId}/ip-whitelist`, { enabled: false });
  });

  it('stable_token returns the same token while valid, renews in the last 5 minutes, and force_refresh kills the old one', async () => {
    const stable = (force_refresh = false) =>
      postJson<{ access_token: string; expires_in: number; errcode?: number }>(
        `${sim.url}/cgi-bin/stable_token`,
        {
          grant_type: 'client_credential',
          appid: APP.appId,
          secret: APP.appSecret,
          force_refresh,
        },
      );
    const a = await stable();
    expect(a.expires_in).toBe(7200);
    sim.clock.advance(100);
    const b = await stable();
    expect(b.access_token).toBe(a.access_token);
    expect(b.expires_in).toBe(7100);
    // A cgi-bin/token call does not disturb the stable token.
    await getJson(tokenUrl());
    expect((await sendText(a.access_token)).errcode).toBe(40003);

    sim.clock.advance(6801); // 299 s left: inside the renewal period
    const renewed = await stable();
    expect(renewed.access_token).not.toBe(a.access_token);
    expect(renewed.expires_in).toBe(7200);
    expect((await sendText(a.access_token)).errcode).toBe(40003); // old one still valid until its own expiry

    const forced = await stable(true);
    expect(forced.access_token).not.toBe(renewed.access_token);
    expect((await sendText(renewed.access_token)).errcode).toBe(40001);
    expect((await sendText(forced.access_token)).errcode).toBe(40003);
    // force_refresh needs 30 s between calls
    expect((await stable(true)).errcode).toBe(45011);
  });
});
