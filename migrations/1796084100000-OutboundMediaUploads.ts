import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agents' attachments (issue 4 item 11): an outbound file keeps the platform's id for it (`platform_media_id`,
 * already there for inbound files) and when that id stops being valid (WeChat's temporary media last 3 days),
 * so a retry within that time does not upload it again. Unsent uploads are found by their age.
 */
export class OutboundMediaUploads1796084100000 implements MigrationInterface {
  name = 'OutboundMediaUploads1796084100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE media_files ADD COLUMN platform_media_expires_at timestamptz`);
    await db.query(
      `CREATE INDEX media_files_unsent_idx ON media_files (created_at)
       WHERE direction = 'outbound' AND message_id IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX media_files_unsent_idx`);
    await db.query(`ALTER TABLE media_files DROP COLUMN platform_media_expires_at`);
  }
}
