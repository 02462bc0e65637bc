import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the inbox's views (RT3, apps/server/src/conversations/inbox/inbox.repository.ts): each page is
 * one range of one index in its sort order (sort key, id) with the scope and filters checked on the way,
 * and keyset pagination continues from the last row. Open conversations are few next to closed ones, so the
 * open views have partial indexes of their own; "mine" starts from the assignee.
 */
export class InboxViews1796084600002 implements MigrationInterface {
  name = 'InboxViews1796084600002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX conversations_open_latest_idx
      ON conversations (last_message_at DESC, id DESC) WHERE status <> 'closed'`);
    await db.query(`CREATE INDEX conversations_open_waiting_idx
      ON conversations ((coalesce(last_customer_message_at, created_at)), id) WHERE status <> 'closed'`);
    await db.query(`CREATE INDEX conversations_mine_idx
      ON conversations (assignee_id, last_message_at DESC, id DESC) WHERE status <> 'closed'`);
    await db.query(`CREATE INDEX conversations_closed_latest_idx
      ON conversations (last_message_at DESC, id DESC) WHERE status = 'closed'`);
    // The closed count, by index only: per channel, with the department to filter on.
    await db.query(`CREATE INDEX conversations_closed_scope_idx
      ON conversations (channel_id, department_id) WHERE status = 'closed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX conversations_closed_scope_idx`);
    await db.query(`DROP INDEX conversations_closed_latest_idx`);
    await db.query(`DROP INDEX conversations_mine_idx`);
    await db.query(`DROP INDEX conversations_open_waiting_idx`);
    await db.query(`DROP INDEX conversations_open_latest_idx`);
  }
}
