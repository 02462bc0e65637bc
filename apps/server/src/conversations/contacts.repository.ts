import { Injectable } from '@nestjs/common';
import type { ChannelKind } from '#contracts';
import { DataSource } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';

export interface ProfileRefreshClaim {
  id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  platform_user_id: string;
}

/** The contact's profile as the platform reports it, refreshed at most once a day (OA7). */
@Injectable()
export class ContactsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Takes the right to ask the platform about this contact now: once a day at most, whichever process or
   * message asks first (atomic, so a burst of messages asks once).
   */
  claimProfileRefresh(contactId: string, everySeconds: number): Promise<ProfileRefreshClaim | null> {
    return sqlRow<ProfileRefreshClaim>(
      this.db.manager,
      `UPDATE contacts ct SET profile_refreshed_at = now()
       FROM channels ch
       WHERE ct.id = $1 AND ch.id = ct.channel_id
         AND (ct.profile_refreshed_at IS NULL OR ct.profile_refreshed_at < now() - make_interval(secs => $2))
       RETURNING ct.id, ct.channel_id, ch.kind AS channel_kind, ct.platform_user_id`,
      [contactId, everySeconds],
    );
  }

  /** The platform could not answer: ask again after `seconds` rather than a day later. */
  async postponeProfileRefresh(contactId: string, everySeconds: number, seconds: number): Promise<void> {
    await this.db.query(
      `UPDATE contacts SET profile_refreshed_at = now() - make_interval(secs => $2) + make_interval(secs => $3)
       WHERE id = $1`,
      [contactId, everySeconds, seconds],
    );
  }

  /**
   * Keeps what we had where the platform says nothing; true when the name or the avatar changed (what agents
   * see). The UnionID is stored too (people, BX3).
   */
  async updateProfile(
    contactId: string,
    profile: { displayName: string | null; avatarUrl: string | null; unionId?: string | null },
  ): Promise<boolean> {
    const row = await sqlRow<{ seen_changed: boolean }>(
      this.db.manager,
      `WITH prior AS (SELECT display_name, avatar_url, union_id FROM contacts WHERE id = $1)
       UPDATE contacts c SET display_name = coalesce($2, prior.display_name),
              avatar_url = coalesce($3, prior.avatar_url), union_id = coalesce($4, prior.union_id)
       FROM prior
       WHERE c.id = $1 AND (prior.display_name IS DISTINCT FROM coalesce($2, prior.display_name)
                            OR prior.avatar_url IS DISTINCT FROM coalesce($3, prior.avatar_url)
                            OR prior.union_id IS DISTINCT FROM coalesce($4, prior.union_id))
       RETURNING prior.display_name IS DISTINCT FROM c.display_name
                 OR prior.avatar_url IS DISTINCT FROM c.avatar_url AS seen_changed`,
      [contactId, profile.displayName, profile.avatarUrl, profile.unionId ?? null],
    );
    return row?.seen_changed ?? false;
  }

  async openConversationIds(contactId: string): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      `SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'closed'`,
      [contactId],
    );
    return rows.map((r) => r.id);
  }

  async platformUserId(contactId: string): Promise<string | null> {
    const row = await sqlRow<{ platform_user_id: string }>(
      this.db.manager,
      `SELECT platform_user_id FROM contacts WHERE id = $1`,
      [contactId],
    );
    return row?.platform_user_id ?? null;
  }
}
