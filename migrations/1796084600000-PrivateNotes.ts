import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private notes (CV4) are messages with direction `note`: stored in the conversation's thread (in storage
 * order with everything else), found by the message search index, never sent. A note has nothing to deliver,
 * so it is always `received` and carries no platform id: the outbox (`direction = 'outbound'`, `queued`) and
 * the budget count (`direction = 'outbound'`) cannot pick one up, and the check below holds that in the data.
 */
export class PrivateNotes1796084600000 implements MigrationInterface {
  name = 'PrivateNotes1796084600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE messages DROP CONSTRAINT messages_direction_check`);
    await db.query(`ALTER TABLE messages
      ADD CONSTRAINT messages_direction_check CHECK (direction IN ('inbound', 'outbound', 'note')),
      ADD CONSTRAINT messages_note_is_never_sent CHECK (direction <> 'note' OR (
        delivery_state = 'received' AND platform_message_id IS NULL AND conversation_id IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM messages WHERE direction = 'note'`);
    await db.query(`ALTER TABLE messages
      DROP CONSTRAINT messages_note_is_never_sent,
      DROP CONSTRAINT messages_direction_check`);
    await db.query(`ALTER TABLE messages
      ADD CONSTRAINT messages_direction_check CHECK (direction IN ('inbound', 'outbound'))`);
  }
}
