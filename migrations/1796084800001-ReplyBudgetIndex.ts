import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reply budget (OA6) counts a conversation's agent messages since the window opened, for every row of
 * the inbox and every send: with this index the count reads only those messages, not every message of the
 * conversation from its index and then the table.
 */
export class ReplyBudgetIndex1796084800001 implements MigrationInterface {
  name = 'ReplyBudgetIndex1796084800001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX messages_reply_budget_idx ON messages (conversation_id, seq)
      WHERE direction = 'outbound' AND delivery_state IN ('queued', 'sent', 'unconfirmed')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX messages_reply_budget_idx`);
  }
}
