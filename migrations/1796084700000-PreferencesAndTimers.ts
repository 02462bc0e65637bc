import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Preferences (issue 6, PF1–PF3, TK1, TK2, TK4) and the timers as data (PF4).
 *
 * - Settings are one validated JSON document per department and, for a channel, only what it overrides:
 *   the shape is the contract's (`DepartmentSettings`, `ChannelOverrides`), checked by the API.
 * - Due times live on the conversation, written in the transaction of the change that causes them:
 *   `missed_due_at` when it opens waiting, `missed_close_due_at` when it is missed. The idle timer is derived
 *   from `last_message_at`, which every message already moves (no extra write on the message path), and the
 *   chat's idle rule, copied onto it when it opens and again when an admin changes the rule:
 *   idle close due = last_message_at + idle_close_after_minutes; warning due = that − idle_warn_before_minutes.
 *   `idle_warned_for` is the `last_message_at` the warning was given for: a new message re-arms it.
 * - `left_message_reason`: why the customer was asked to leave a message (TK4), null otherwise.
 */
export class PreferencesAndTimers1796084700000 implements MigrationInterface {
  name = 'PreferencesAndTimers1796084700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE department_preferences (
      department_id uuid PRIMARY KEY REFERENCES departments (id) ON DELETE CASCADE,
      settings jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by uuid REFERENCES users (id) ON DELETE SET NULL)`);
    await db.query(`CREATE TABLE channel_preferences (
      channel_id uuid PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
      overrides jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by uuid REFERENCES users (id) ON DELETE SET NULL)`);

    await db.query(`ALTER TABLE conversations
      ADD COLUMN missed_due_at timestamptz,
      ADD COLUMN missed_close_due_at timestamptz,
      ADD COLUMN idle_close_after_minutes integer CHECK (idle_close_after_minutes > 0),
      ADD COLUMN idle_warn_before_minutes integer NOT NULL DEFAULT 0 CHECK (idle_warn_before_minutes >= 0),
      ADD COLUMN idle_warned_for timestamptz,
      ADD COLUMN left_message_reason text
        CHECK (left_message_reason IN ('no-agent-online', 'outside-business-hours', 'queue-full'))`);
    // The sweeper's scans: each reads only the rows that can be due.
    await db.query(
      `CREATE INDEX conversations_missed_due_idx ON conversations (missed_due_at) WHERE status = 'waiting' AND missed_due_at IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX conversations_missed_close_due_idx ON conversations (missed_close_due_at) WHERE missed_close_due_at IS NOT NULL AND status <> 'closed'`,
    );
    await db.query(
      `CREATE INDEX conversations_idle_idx ON conversations (last_message_at) WHERE status = 'active' AND idle_close_after_minutes IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX conversations_idle_idx`);
    await db.query(`DROP INDEX conversations_missed_close_due_idx`);
    await db.query(`DROP INDEX conversations_missed_due_idx`);
    await db.query(`ALTER TABLE conversations
      DROP COLUMN left_message_reason,
      DROP COLUMN idle_warned_for,
      DROP COLUMN idle_warn_before_minutes,
      DROP COLUMN idle_close_after_minutes,
      DROP COLUMN missed_close_due_at,
      DROP COLUMN missed_due_at`);
    await db.query(`DROP TABLE channel_preferences`);
    await db.query(`DROP TABLE department_preferences`);
  }
}
