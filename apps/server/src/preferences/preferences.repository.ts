import { Injectable } from '@nestjs/common';
import type { ChannelOverrides, DepartmentSettings } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { type SqlExecutor, sqlRow } from '../database/sql.js';
import { DEFAULT_SETTINGS } from './preference-defaults.js';

export interface StoredDepartmentPreferences {
  department_id: string;
  department_name: string;
  settings: DepartmentSettings | null;
  updated_at: Date | null;
}

export interface StoredChannelPreferences {
  channel_id: string;
  channel_name: string;
  department_id: string | null;
  overrides: ChannelOverrides | null;
  updated_at: Date | null;
  department_settings: DepartmentSettings | null;
}

/** What a chat's rules are read from: its department's settings and its channel's overrides. */
export interface StoredRuleSources {
  department_settings: DepartmentSettings | null;
  channel_overrides: ChannelOverrides | null;
}

@Injectable()
export class PreferencesRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  findDepartment(departmentId: string): Promise<StoredDepartmentPreferences | null> {
    return sqlRow(
      this.db.manager,
      `SELECT d.id AS department_id, d.name AS department_name, p.settings, p.updated_at
       FROM departments d LEFT JOIN department_preferences p ON p.department_id = d.id
       WHERE d.id = $1`,
      [departmentId],
    );
  }

  findChannel(channelId: string): Promise<StoredChannelPreferences | null> {
    return sqlRow(
      this.db.manager,
      `SELECT ch.id AS channel_id, ch.name AS channel_name, ch.department_id, p.overrides, p.updated_at,
              dp.settings AS department_settings
       FROM channels ch
       LEFT JOIN channel_preferences p ON p.channel_id = ch.id
       LEFT JOIN department_preferences dp ON dp.department_id = ch.department_id
       WHERE ch.id = $1 AND ch.deleted_at IS NULL`,
      [channelId],
    );
  }

  /** One round trip; `manager` may be a transaction (the ingest's, when a chat opens). */
  async ruleSources(
    manager: SqlExecutor | null,
    departmentId: string | null,
    channelId: string,
  ): Promise<StoredRuleSources> {
    const row = await sqlRow<StoredRuleSources>(
      manager ?? this.db.manager,
      `SELECT (SELECT settings FROM department_preferences WHERE department_id = $1::uuid) AS department_settings,
              (SELECT overrides FROM channel_preferences WHERE channel_id = $2) AS channel_overrides`,
      [departmentId, channelId],
    );
    return row ?? { department_settings: null, channel_overrides: null };
  }

  async saveDepartment(
    tx: EntityManager,
    departmentId: string,
    settings: DepartmentSettings,
    userId: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO department_preferences (department_id, settings, updated_at, updated_by)
       VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (department_id) DO UPDATE
       SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [departmentId, JSON.stringify(settings), at, userId],
    );
  }

  async saveChannel(
    tx: EntityManager,
    channelId: string,
    overrides: ChannelOverrides,
    userId: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO channel_preferences (channel_id, overrides, updated_at, updated_by)
       VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (channel_id) DO UPDATE
       SET overrides = EXCLUDED.overrides, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [channelId, JSON.stringify(overrides), at, userId],
    );
  }

  /**
   * The idle rule is copied onto each open chat (the sweeper's scan then needs no join, see the migration):
   * a changed rule is copied again, in the transaction that saves it, onto the chats of that department or
   * channel. Resolved as `effectiveSettings` does: the channel's `idleClose` whole, else the department's.
   */
  async reapplyIdleRule(
    tx: EntityManager,
    where: { departmentId?: string; channelId?: string },
  ): Promise<void> {
    await tx.query(
      `UPDATE conversations c
       SET idle_close_after_minutes = CASE WHEN (r.idle->>'enabled')::boolean THEN (r.idle->>'afterMinutes')::int END,
           idle_warn_before_minutes = CASE WHEN (r.idle->>'enabled')::boolean THEN (r.idle->>'warnBeforeMinutes')::int ELSE 0 END
       FROM (
         SELECT o.id, coalesce(cp.overrides->'idleClose', dp.settings->'idleClose', $3::jsonb) AS idle
         FROM conversations o
         LEFT JOIN channel_preferences cp ON cp.channel_id = o.channel_id
         LEFT JOIN department_preferences dp ON dp.department_id = o.department_id
         WHERE o.status <> 'closed' AND (o.department_id = $1::uuid OR o.channel_id = $2::uuid)
       ) r
       WHERE c.id = r.id`,
      [where.departmentId ?? null, where.channelId ?? null, JSON.stringify(DEFAULT_SETTINGS.idleClose)],
    );
  }
}
