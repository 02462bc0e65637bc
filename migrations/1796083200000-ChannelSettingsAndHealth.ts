import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-channel send settings (the message budget per customer message, token or stable_token) and the
 * channel's health: configuration errors from the platform (IP whitelist, bad secret, no permission) mark
 * the channel unhealthy with a reason admins see, instead of being retried in a loop (OA8). A deleted
 * channel keeps its row (and conversations, read-only) with `deleted_at` set (CH2).
 */
export class ChannelSettingsAndHealth1796083200000 implements MigrationInterface {
  name = 'ChannelSettingsAndHealth1796083200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE wechat_oa_channel_configs
      ADD COLUMN messages_per_customer_message integer NOT NULL DEFAULT 5
        CHECK (messages_per_customer_message BETWEEN 1 AND 20),
      ADD COLUMN token_mode text NOT NULL DEFAULT 'token' CHECK (token_mode IN ('token', 'stable'))`);
    await db.query(`ALTER TABLE channels
      ADD COLUMN health text NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'ok', 'unhealthy')),
      ADD COLUMN health_reason text,
      ADD COLUMN health_checked_at timestamptz,
      ADD COLUMN deleted_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE channels
      DROP COLUMN deleted_at, DROP COLUMN health_checked_at, DROP COLUMN health_reason, DROP COLUMN health`);
    await db.query(`ALTER TABLE wechat_oa_channel_configs
      DROP COLUMN token_mode, DROP COLUMN messages_per_customer_message`);
  }
}
