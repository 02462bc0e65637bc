import { describe, expect, it } from '@jest/globals';
import {
  AccessTokenProvider,
  InMemoryAccessTokenStore,
  type AccessTokenStore,
} from './access-token-provider.js';
import { WechatApiError } from './errors.js';

const KEY = 'wechat-oa:wx1';
const HOUR = 3600 * 1000;

/** A token endpoint that hands out TOKEN_1, TOKEN_2, … and counts the calls. */
function tokenEndpoint(expiresIn = 7200, delayMs = 0) {
  const endpoint = {
    calls: 0,
    fetchToken: async () => {
      endpoint.calls += 1;
      const n = endpoint.calls;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { accessToken: `TOKEN_${n}`, expiresIn };
    },
  };
  return endpoint;
}

function setup(options: { now?: () => number; store?: AccessTokenStore; delayMs?: number } = {}) {
  const store = options.store ?? new InMemoryAccessTokenStore();
  const endpoint = tokenEndpoint(7200, options.delayMs);
  const provider = new AccessTokenProvider({
    key: KEY,
    store,
    fetchToken: endpoint.fetchToken,
    now: options.now,
  });
  return { store, endpoint, provider };
}

const apiError = (errcode: number) =>
  new WechatApiError('cgi-bin/message/custom/send', errcode, 'from the platform');

describe('AccessTokenProvider: caching and refresh', () => {
  it('fetches once, stores the expiry, then serves from the store', async () => {
    let now = 1_000_000;
    const { provider, endpoint, store } = setup({ now: () => now });
    expect(await provider.getToken()).toBe('TOKEN_1');
    expect(await store.get(KEY)).toEqual({ token: 'TOKEN_1', expiresAt: 1_000_000 + 2 * HOUR });
    now += HOUR;
    expect(await provider.getToken()).toBe('TOKEN_1');
    expect(endpoint.calls).toBe(1);
  });

  it('refreshes within the 5-minute margin before expiry, not before', async () => {
    let now = 0;
    const { provider, endpoint } = setup({ now: () => now });
    await provider.getToken();
    now = 2 * HOUR - 5 * 60 * 1000 - 1;
    expect(await provider.getToken()).toBe('TOKEN_1');
    now = 2 * HOUR - 5 * 60 * 1000;
    expect(await provider.getToken()).toBe('TOKEN_2');
    expect(endpoint.calls).toBe(2);
  });

  it('uses a token another process stored', async () => {
    const { provider, endpoint, store } = setup({ now: () => 0 });
    await store.set(KEY, { token: 'SHARED', expiresAt: HOUR });
    expect(await provider.getToken()).toBe('SHARED');
    expect(endpoint.calls).toBe(0);
  });

  it('single flight: 10 concurrent callers share one fetch', async () => {
    const { provider, endpoint } = setup({ delayMs: 20 });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    expect(tokens).toEqual(Array(10).fill('TOKEN_1'));
    expect(endpoint.calls).toBe(1);
  });

  it('lets a failed fetch fail every waiting caller, and tries again on the next call', async () => {
    let fail = true;
    const provider = new AccessTokenProvider({
      key: KEY,
      store: new InMemoryAccessTokenStore(),
      fetchToken: async () => {
        if (fail) throw new WechatApiError('cgi-bin/token', 40164, 'invalid ip');
        return { accessToken: 'LATER', expiresIn: 7200 };
      },
    });
    const results = await Promise.allSettled([provider.getToken(), provider.getToken()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await provider.getToken()).toBe('LATER');
  });

  it('re-reads the store inside the refresh lock, so a token refreshed by another process is used', async () => {
    const inner = new InMemoryAccessTokenStore();
    const locks: string[] = [];
    const store: AccessTokenStore = {
      get: (key) => inner.get(key),
      set: (key, value) => inner.set(key, value),
      invalidate: (key, token) => inner.invalidate(key, token),
      async withRefreshLock(key, refresh) {
        locks.push(key);
        // While this process waited for the lock, another one refreshed.
        await inner.set(key, { token: 'FROM_OTHER_PROCESS', expiresAt: Date.now() + HOUR });
        return refresh();
      },
    };
    const { provider, endpoint } = setup({ store });
    expect(await provider.getToken()).toBe('FROM_OTHER_PROCESS');
    expect(locks).toEqual([KEY]);
    expect(endpoint.calls).toBe(0);
  });
});

describe('AccessTokenProvider: invalidation', () => {
  it('compare-and-swap: invalidating an old token does not delete a newer one', async () => {
    const { provider, store } = setup();
    await store.set(KEY, { token: 'NEWER', expiresAt: Date.now() + HOUR });
    await provider.invalidate('OLDER');
    expect(await store.get(KEY)).toMatchObject({ token: 'NEWER' });
    await provider.invalidate('NEWER');
    expect(await store.get(KEY)).toBeNull();
  });

  it.each([40001, 40014, 42001])(
    'on %d invalidates the token and retries exactly once with a fresh one',
    async (errcode) => {
      const { provider, endpoint, store } = setup();
      const seen: string[] = [];
      const result = await provider.withToken(async (token) => {
        seen.push(token);
        if (token === 'TOKEN_1') throw apiError(errcode);
        return `sent with ${token}`;
      });
      expect(result).toBe('sent with TOKEN_2');
      expect(seen).toEqual(['TOKEN_1', 'TOKEN_2']);
      expect(endpoint.calls).toBe(2);
      expect(await store.get(KEY)).toMatchObject({ token: 'TOKEN_2' });
    },
  );

  it('retries only once: a second token-invalid error propagates', async () => {
    const { provider, endpoint } = setup();
    let calls = 0;
    const error = await provider
      .withToken(async () => {
        calls += 1;
        throw apiError(40014);
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 40014 });
    expect(calls).toBe(2);
    expect(endpoint.calls).toBe(2);
  });

  it.each([40164, 40125, 48001, 45015, -1])('never retries %d', async (errcode) => {
    const { provider, endpoint } = setup();
    let calls = 0;
    const error = await provider
      .withToken(async () => {
        calls += 1;
        throw apiError(errcode);
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode });
    expect(calls).toBe(1);
    expect(endpoint.calls).toBe(1);
  });

  it('after a rejection, uses the token another caller already put in place instead of fetching again', async () => {
    const { provider, endpoint, store } = setup();
    const result = await provider.withToken(async (token) => {
      if (token === 'TOKEN_1') {
        await store.set(KEY, { token: 'REFRESHED_ELSEWHERE', expiresAt: Date.now() + HOUR });
        throw apiError(40001);
      }
      return token;
    });
    expect(result).toBe('REFRESHED_ELSEWHERE');
    expect(endpoint.calls).toBe(1);
  });

  it('10 concurrent calls rejected with 40001 share one new token', async () => {
    const { provider, endpoint } = setup({ delayMs: 5 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        provider.withToken(async (token) => {
          if (token === 'TOKEN_1') throw apiError(40001);
          return token;
        }),
      ),
    );
    expect(results).toEqual(Array(10).fill('TOKEN_2'));
    expect(endpoint.calls).toBe(2);
  });
});
