import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { AccessTokenStore, StoredAccessToken } from '#wechat';
import { DataSource } from 'typeorm';
import { SecretBox } from '../common/secret-box.js';
import { sqlRow } from '../database/sql.js';

const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex');
/** Far longer than a refresh takes (one platform call, 5 s timeout), so a live holder never loses it. */
export const REFRESH_LEASE_SECONDS = 30;
const POLL_MS = 100;

/**
 * Platform access tokens shared by every server process (OA8): sealed at rest, invalidated compare-and-swap,
 * and refreshed under a lease row so exactly one process calls the platform's token endpoint at a time.
 *
 * Why a lease row and not a PostgreSQL advisory lock: the lock would have to be held across the HTTP call to
 * WeChat inside an open transaction, which on the embedded database (one session) would stall every other
 * query for that long. The lease is taken by one atomic upsert; it belongs to its taker (`refresh_owner`),
 * so only the taker releases it; and a process that dies holding it frees it when it runs out.
 */
@Injectable()
export class AccessTokenRepository implements AccessTokenStore {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  async get(key: string): Promise<StoredAccessToken | null> {
    const row = await sqlRow<{ token_sealed: string | null; expires_at: Date | null }>(
      this.db.manager,
      `SELECT token_sealed, expires_at FROM access_tokens WHERE key = $1`,
      [key],
    );
    if (!row?.token_sealed || !row.expires_at) return null;
    return { token: this.secrets.open(row.token_sealed, key), expiresAt: new Date(row.expires_at).getTime() };
  }

  async set(key: string, value: StoredAccessToken): Promise<void> {
    await this.db.query(
      `INSERT INTO access_tokens (key, token_sealed, token_fingerprint, expires_at, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (key) DO UPDATE SET token_sealed = EXCLUDED.token_sealed,
         token_fingerprint = EXCLUDED.token_fingerprint, expires_at = EXCLUDED.expires_at, updated_at = now()`,
      [key, this.secrets.seal(value.token, key), fingerprint(value.token), new Date(value.expiresAt)],
    );
  }

  async invalidate(key: string, failedToken: string): Promise<void> {
    await this.db.query(
      `UPDATE access_tokens SET token_sealed = NULL, token_fingerprint = NULL, expires_at = NULL, updated_at = now()
       WHERE key = $1 AND token_fingerprint = $2`,
      [key, fingerprint(failedToken)],
    );
  }

  async withRefreshLock<T>(key: string, refresh: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    // A little longer than the lease: a holder that died frees it by then.
    const deadline = Date.now() + (REFRESH_LEASE_SECONDS + 5) * 1000;
    while (!(await this.takeLease(key, owner))) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another process to refresh ${key}`);
      await sleep(POLL_MS);
    }
    try {
      return await refresh();
    } finally {
      await this.db.query(
        `UPDATE access_tokens SET refreshing_until = NULL, refresh_owner = NULL
         WHERE key = $1 AND refresh_owner = $2`,
        [key, owner],
      );
    }
  }

  private async takeLease(key: string, owner: string): Promise<boolean> {
    const row = await sqlRow(
      this.db.manager,
      `INSERT INTO access_tokens (key, refreshing_until, refresh_owner)
       VALUES ($1, now() + make_interval(secs => $2), $3)
       ON CONFLICT (key) DO UPDATE
         SET refreshing_until = EXCLUDED.refreshing_until, refresh_owner = EXCLUDED.refresh_owner
         WHERE access_tokens.refreshing_until IS NULL OR access_tokens.refreshing_until < now()
       RETURNING key`,
      [key, REFRESH_LEASE_SECONDS, owner],
    );
    return row !== null;
  }
}
