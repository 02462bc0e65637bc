import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox of an agent scoped to some channels: each (channel, status) read newest first, a page at most
 * (`ConversationsRepository.listConversations`), instead of sorting every open conversation of the install.
 */
export class InboxByChannelIndex1796084800000 implements MigrationInterface {
  name = 'InboxByChannelIndex1796084800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX conversations_channel_inbox_idx
      ON conversations (channel_id, status, last_message_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX conversations_channel_inbox_idx`);
  }
}
