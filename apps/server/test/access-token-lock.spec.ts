import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessTokenProvider, OaApiClient, type AccessTokenStore } from '#wechat';
import { startSimulator, type Simulator } from '../../simulator/src/simulator.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { AccessTokenRepository } from '../src/channels/access-token.repository.js';
import { SecretBox } from '../src/common/secret-box.js';
import { openDatabase, type Database } from '../src/database/open-database.js';

const APP = { appId: 'wx7070707070707070', appSecret: 'secret7070707070707070707070707', token: 'tok70' };
const KEY = `wechat-oa:${APP.appId}`;

/**
 * OA8: the access token is shared by every server process through PostgreSQL and refreshed by exactly one
 * of them at a time. Two data sources (two connection pools, as two processes have) race for it against
 * the simulator, whose call log counts the token requests.
 */
describe('access-token refresh: one process at a time, by a lease in PostgreSQL', () => {
  let database: TestDatabase;
  let a: Database;
  let b: Database;
  let sim: Simulator;
  let client: OaApiClient;
  const box = new SecretBox(randomBytes(32));

  const tokenCalls = () => sim.calls.since(0, { path: '/cgi-bin/token' }).length;
  const provider = (store: AccessTokenStore) =>
    new AccessTokenProvider({
      key: KEY,
      store,
      fetchToken: () => client.getAccessToken({ appId: APP.appId, appSecret: APP.appSecret }),
    });
  const row = async () =>
    (
      (await a.dataSource.query(
        `SELECT token_fingerprint, refreshing_until > now() AS leased, refresh_owner FROM access_tokens WHERE key = $1`,
        [KEY],
      )) as Array<{ token_fingerprint: string | null; leased: boolean | null; refresh_owner: string | null }>
    )[0];
  const reset = async () => {
    await a.dataSource.query(`DELETE FROM access_tokens`);
    sim.calls.clear();
    sim.faults.clear();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    [a, b] = await Promise.all([
      openDatabase({ databaseUrl: database.url, dataDir: '' }),
      openDatabase({ databaseUrl: database.url, dataDir: '' }),
    ]);
    sim = await startSimulator();
    await fetch(`${sim.url}/sim/oa/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...APP,
        originalId: 'gh_707070707070',
        encryptionMode: 'plaintext',
        callbackUrl: 'http://127.0.0.1:9/unused',
      }),
    });
    client = new OaApiClient({ baseUrl: sim.url });
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await sim?.close();
    await database?.drop();
  });

  it('fetches once when callers in two processes all need a token at the same moment', async () => {
    await reset();
    // A slow token endpoint keeps the refresh open long enough for every caller to collide with it.
    await sim.faults.add({ path: '/cgi-bin/token', kind: 'delay', ms: 400 });
    const stores = [
      new AccessTokenRepository(a.dataSource, box),
      new AccessTokenRepository(b.dataSource, box),
    ];
    // Two providers per process as well: single flight must not rely on sharing one object.
    const providers = [...stores, ...stores].map(provider);
    const tokens = await Promise.all(
      providers.flatMap((p) => Array.from({ length: 10 }, () => p.getToken())),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(tokenCalls()).toBe(1);
    expect((await row()).leased).toBeNull();
  });

  it('(control) without the lock the same race fetches several tokens, each superseding the last', async () => {
    await reset();
    await sim.faults.add({ path: '/cgi-bin/token', kind: 'delay', ms: 400 });
    const unlocked = (db: Database): AccessTokenStore => {
      const repo = new AccessTokenRepository(db.dataSource, box);
      return {
        get: (k) => repo.get(k),
        set: (k, v) => repo.set(k, v),
        invalidate: (k, t) => repo.invalidate(k, t),
      };
    };
    await Promise.all([provider(unlocked(a)).getToken(), provider(unlocked(b)).getToken()]);
    expect(tokenCalls()).toBe(2);
  });

  it('invalidates compare-and-swap: a stale failure never throws away the token another process stored', async () => {
    await reset();
    const storeA = new AccessTokenRepository(a.dataSource, box);
    const storeB = new AccessTokenRepository(b.dataSource, box);
    const first = await provider(storeA).getToken();
    // Process B saw `first` fail and refreshed; process A then reports `first` as failed too.
    await storeB.invalidate(KEY, first);
    const second = await provider(storeB).getToken();
    await storeA.invalidate(KEY, first);
    expect(await provider(storeA).getToken()).toBe(second);
    expect(second).not.toBe(first);
    expect(tokenCalls()).toBe(2);
  });

  it('lets only the holder release its lease, and a dead holder’s lease runs out', async () => {
    await reset();
    const storeA = new AccessTokenRepository(a.dataSource, box);
    const storeB = new AccessTokenRepository(b.dataSource, box);
    let releaseB!: () => void;
    let bHolds!: Promise<void>;
    await storeA.withRefreshLock(KEY, async () => {
      const ownerA = (await row()).refresh_owner;
      // A stalls past its lease; B takes the lease over.
      await a.dataSource.query(
        `UPDATE access_tokens SET refreshing_until = now() - interval '1 second' WHERE key = $1`,
        [KEY],
      );
      bHolds = storeB.withRefreshLock(KEY, () => new Promise<void>((resolve) => (releaseB = resolve)));
      for (let i = 0; i < 50 && (await row()).refresh_owner === ownerA; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await row()).refresh_owner).not.toBe(ownerA);
    });
    // A's release must not have freed B's lease.
    expect((await row()).leased).toBe(true);
    releaseB();
    await bHolds;
    expect((await row()).leased).toBeNull();

    // A process that died holding the lease: the next one waits for it to run out, then refreshes.
    await a.dataSource.query(
      `UPDATE access_tokens SET refreshing_until = now() + interval '800 milliseconds', refresh_owner = gen_random_uuid() WHERE key = $1`,
      [KEY],
    );
    const began = Date.now();
    await expect(storeB.withRefreshLock(KEY, async () => 'mine')).resolves.toBe('mine');
    expect(Date.now() - began).toBeGreaterThanOrEqual(500);
  });
});
