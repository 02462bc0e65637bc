import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What admins configure on an Official Account channel beyond its credentials: the follow auto-reply and the
 * custom menu with its "talk to an agent" key (OA9), the "verified outside Mainland China" flag (OA10), and the
 * channel icon (CH4), kept in its own table so that listing channels never reads the image bytes.
 */
export class ChannelAdministration1796083500000 implements MigrationInterface {
  name = 'ChannelAdministration1796083500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE wechat_oa_channel_configs
      ADD COLUMN outside_mainland_china boolean NOT NULL DEFAULT false,
      ADD COLUMN follow_reply_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN follow_reply_text text NOT NULL DEFAULT '',
      ADD COLUMN talk_to_agent_key text NOT NULL DEFAULT 'TALK_TO_AGENT',
      ADD COLUMN menu jsonb,
      ADD COLUMN menu_updated_at timestamptz,
      ADD COLUMN menu_published_at timestamptz`);
    await db.query(`CREATE TABLE channel_icons (
      channel_id uuid PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
      content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
      data bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 1048576),
      sha256 text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    // Lists of live channels skip the deleted ones.
    await db.query(`CREATE INDEX channels_live_idx ON channels (created_at) WHERE deleted_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX channels_live_idx`);
    await db.query(`DROP TABLE channel_icons`);
    await db.query(`ALTER TABLE wechat_oa_channel_configs
      DROP COLUMN menu_published_at, DROP COLUMN menu_updated_at, DROP COLUMN menu,
      DROP COLUMN talk_to_agent_key, DROP COLUMN follow_reply_text, DROP COLUMN follow_reply_enabled,
      DROP COLUMN outside_mainland_china`);
  }
}
