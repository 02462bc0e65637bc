import { WechatApiError } from './errors.js';

export interface StoredAccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Where tokens live; the server implements it over PostgreSQL so that all processes share one token. */
export interface AccessTokenStore {
  get(key: string): Promise<StoredAccessToken | null>;
  set(key: string, value: StoredAccessToken): Promise<void>;
  /** Deletes only if the stored token is still `failedToken` (compare-and-swap). */
  invalidate(key: string, failedToken: string): Promise<void>;
  /** Optional cross-process single flight: run `refresh` holding a lock for `key`. Default: in-process only. */
  withRefreshLock?<T>(key: string, refresh: () => Promise<T>): Promise<T>;
}

export class InMemoryAccessTokenStore implements AccessTokenStore {
  private readonly tokens = new Map<string, StoredAccessToken>();

  async get(key: string): Promise<StoredAccessToken | null> {
    return this.tokens.get(key) ?? null;
  }

  async set(key: string, value: StoredAccessToken): Promise<void> {
    this.tokens.set(key, { ...value });
  }

  async invalidate(key: string, failedToken: string): Promise<void> {
    if (this.tokens.get(key)?.token === failedToken) this.tokens.delete(key);
  }
}

export interface AccessTokenProviderOptions {
  /** One key per credential, e.g. `wechat-oa:<appId>` or `wecom:<corpId>:<agent>`. */
  key: string;
  store: AccessTokenStore;
  fetchToken: () => Promise<{ accessToken: string; expiresIn: number }>;
  /** Refresh this long before expiry; default 5 minutes. */
  refreshMarginMs?: number;
  now?: () => number;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * One access token per credential, shared through the store (spec §5.1, PRODUCT OA8): refreshed before
 * expiry by one caller at a time, invalidated compare-and-swap when the platform rejects it.
 */
export class AccessTokenProvider {
  private readonly key: string;
  private readonly store: AccessTokenStore;
  private readonly fetchToken: () => Promise<{ accessToken: string; expiresIn: number }>;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;
  private inFlight: Promise<string> | null = null;

  constructor(options: AccessTokenProviderOptions) {
    this.key = options.key;
    this.store = options.store;
    this.fetchToken = options.fetchToken;
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.now = options.now ?? Date.now;
  }

  async getToken(): Promise<string> {
    const stored = await this.store.get(this.key);
    if (this.isFresh(stored)) return stored.token;
    return this.refresh();
  }

  /** Forgets `failedToken` unless another caller has already replaced it. */
  async invalidate(failedToken: string): Promise<void> {
    await this.store.invalidate(this.key, failedToken);
  }

  /**
   * Runs `call(token)`; when the platform says the token is invalid (40001/40014/42001) the token is
   * invalidated and the call retried exactly once with a fresh one. Other errors propagate untouched.
   */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || error.category !== 'token-invalid') throw error;
      await this.invalidate(token);
      return call(await this.refreshReplacing(token));
    }
  }

  private isFresh(stored: StoredAccessToken | null): stored is StoredAccessToken {
    return stored !== null && stored.expiresAt - this.refreshMarginMs > this.now();
  }

  /** A token other than `failed`: what the store now holds, or a new one. */
  private async refreshReplacing(failed: string): Promise<string> {
    const token = await this.getToken();
    return token === failed ? this.refresh(failed) : token;
  }

  /** In-process single flight; the store's lock (if any) makes it single flight across processes. */
  private refresh(exclude?: string): Promise<string> {
    const joined = this.inFlight;
    if (joined)
      return exclude === undefined
        ? joined
        : joined.then((token) => (token === exclude ? this.refresh(exclude) : token));
    const flight = this.lockedRefresh(exclude).finally(() => {
      if (this.inFlight === flight) this.inFlight = null;
    });
    this.inFlight = flight;
    return flight;
  }

  private lockedRefresh(exclude: string | undefined): Promise<string> {
    const run = async (): Promise<string> => {
      // Another process may have refreshed while this one waited for the lock.
      const current = await this.store.get(this.key);
      if (this.isFresh(current) && current.token !== exclude) return current.token;
      const fetched = await this.fetchToken();
      if (
        typeof fetched?.accessToken !== 'string' ||
        fetched.accessToken === '' ||
        !(fetched.expiresIn > 0)
      ) {
        throw new TypeError(`the token fetcher for ${this.key} returned no usable token`);
      }
      await this.store.set(this.key, {
        token: fetched.accessToken,
        expiresAt: this.now() + fetched.expiresIn * 1000,
      });
      return fetched.accessToken;
    };
    return this.store.withRefreshLock ? this.store.withRefreshLock(this.key, run) : run();
  }
}
