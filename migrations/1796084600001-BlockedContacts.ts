import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blocking a contact (CV4): who blocked them and when. A blocked contact's messages are still stored, but
 * kept against the contact (`conversation_id` NULL) with `held_by_block`, so that no conversation opens and
 * unblocking does not pull them into the next chat the way recent events are.
 */
export class BlockedContacts1796084600001 implements MigrationInterface {
  name = 'BlockedContacts1796084600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contacts
      ADD COLUMN blocked_at timestamptz,
      ADD COLUMN blocked_by uuid REFERENCES users (id) ON DELETE SET NULL`);
    await db.query(`ALTER TABLE messages ADD COLUMN held_by_block boolean NOT NULL DEFAULT false`);
    // The contact page lists a contact's held messages.
    await db.query(
      `CREATE INDEX messages_held_by_block_idx ON messages (contact_id, seq DESC) WHERE held_by_block`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX messages_held_by_block_idx`);
    await db.query(`ALTER TABLE messages DROP COLUMN held_by_block`);
    await db.query(`ALTER TABLE contacts DROP COLUMN blocked_by, DROP COLUMN blocked_at`);
  }
}
