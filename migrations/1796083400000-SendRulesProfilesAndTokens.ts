import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbound rules (OA6, OA8, CV6, NF3):
 * - conversations remember a lock the platform (or an unfollow) imposed, and the `seq` of the customer's
 *   last message, from which the message budget is counted (storage order, so clocks cannot skew it);
 * - messages can be `unconfirmed` (the platform may or may not have them: never sent again by itself),
 *   record when a delivery attempt started (a crash mid-attempt is recognised, not blindly repeated) and
 *   how often an agent retried them;
 * - contacts remember when their profile was last fetched (at most daily, OA7);
 * - access-token refresh leases have an owner, so one process never releases another's lease.
 */
export class SendRulesProfilesAndTokens1796083400000 implements MigrationInterface {
  name = 'SendRulesProfilesAndTokens1796083400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE conversations
      ADD COLUMN reply_lock text CHECK (reply_lock IN ('window-expired', 'budget-used', 'unfollowed')),
      ADD COLUMN reply_locked_at timestamptz,
      ADD COLUMN window_opened_seq bigint`);
    await db.query(`UPDATE conversations c SET window_opened_seq = (
      SELECT max(m.seq) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound')`);

    await db.query(`ALTER TABLE messages DROP CONSTRAINT messages_delivery_state_check`);
    await db.query(`ALTER TABLE messages
      ADD CONSTRAINT messages_delivery_state_check
        CHECK (delivery_state IN ('received', 'queued', 'sent', 'failed', 'unconfirmed')),
      ADD COLUMN sending_since timestamptz,
      ADD COLUMN retries integer NOT NULL DEFAULT 0`);

    await db.query(`ALTER TABLE contacts ADD COLUMN profile_refreshed_at timestamptz`);
    await db.query(`ALTER TABLE access_tokens ADD COLUMN refresh_owner uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE access_tokens DROP COLUMN refresh_owner`);
    await db.query(`ALTER TABLE contacts DROP COLUMN profile_refreshed_at`);
    await db.query(`UPDATE messages SET delivery_state = 'failed' WHERE delivery_state = 'unconfirmed'`);
    await db.query(`ALTER TABLE messages
      DROP CONSTRAINT messages_delivery_state_check,
      DROP COLUMN sending_since, DROP COLUMN retries`);
    await db.query(`ALTER TABLE messages ADD CONSTRAINT messages_delivery_state_check
      CHECK (delivery_state IN ('received', 'queued', 'sent', 'failed'))`);
    await db.query(`ALTER TABLE conversations
      DROP COLUMN window_opened_seq, DROP COLUMN reply_locked_at, DROP COLUMN reply_lock`);
  }
}
