import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { AccessTokenStore, StoredAccessToken } from '#wechat';
import { DataSource } from 'typeorm';
import { SecretBox } from '../common/secret-box.js';
import { sqlRow } from '../database/sql.js';

const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex');
const LEASE_SECONDS = 30;

/**
 * Platform access tokens shared by every server process (OA8): sealed at rest, invalidated compare-and-swap,
 * and refreshed under a lease row so exactly one process calls the platform's token endpoint at a time.
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
    const deadline = Date.now() + LEASE_SECONDS * 1000;
    while (!(await this.takeLease(key))) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another process to refresh ${key}`);
      await sleep(100);
    }
    try {
      return await refresh();
    } finally {
      await this.db.query(`UPDATE access_tokens SET refreshing_until = NULL WHERE key = $1`, [key]);
    }
  }

  private async takeLease(key: string): Promise<boolean> {
    const row = await sqlRow(
      this.db.manager,
      `INSERT INTO access_tokens (key, refreshing_until) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET refreshing_until = EXCLUDED.refreshing_until
         WHERE access_tokens.refreshing_until IS NULL OR access_tokens.refreshing_until < now()
       RETURNING key`,
      [key, LEASE_SECONDS],
    );
    return row !== null;
  }
}
