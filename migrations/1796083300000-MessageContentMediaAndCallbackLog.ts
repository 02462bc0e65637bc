import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every inbound message type (OA3): a platform-neutral `content` per message, messages kept against the
 * contact when no conversation is open (events: they join the next conversation), `media_files` for
 * attachments fetched in the background (OA5), and the callback flight recorder (BX1).
 */
export class MessageContentMediaAndCallbackLog1796083300000 implements MigrationInterface {
  name = 'MessageContentMediaAndCallbackLog1796083300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE messages
      ADD COLUMN content jsonb,
      ADD COLUMN contact_id uuid REFERENCES contacts (id) ON DELETE CASCADE,
      ALTER COLUMN conversation_id DROP NOT NULL`);
    await db.query(
      `UPDATE messages m SET contact_id = c.contact_id FROM conversations c WHERE c.id = m.conversation_id`,
    );
    await db.query(`UPDATE messages SET content = CASE
        WHEN type = 'text' THEN jsonb_build_object('type', 'text', 'text', coalesce(text, ''))
        ELSE jsonb_build_object('type', 'unsupported', 'platformType', coalesce(payload->>'MsgType', type)) END`);
    await db.query(`ALTER TABLE messages ADD CONSTRAINT messages_belong_somewhere
      CHECK (conversation_id IS NOT NULL OR contact_id IS NOT NULL)`);
    // Events that arrived while no conversation was open, waiting for the contact's next one.
    await db.query(
      `CREATE INDEX messages_unattached_idx ON messages (contact_id, created_at) WHERE conversation_id IS NULL`,
    );

    await db.query(`CREATE TABLE media_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      kind text NOT NULL CHECK (kind IN ('image', 'voice', 'video', 'thumbnail', 'file')),
      state text NOT NULL CHECK (state IN ('pending', 'ready', 'failed')),
      platform_media_id text,
      content_type text,
      bytes bigint,
      filename text,
      sha256 text,
      storage_key text,
      failure_reason text,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      ready_at timestamptz,
      CONSTRAINT media_files_ready_has_bytes
        CHECK (state <> 'ready' OR (storage_key IS NOT NULL AND bytes IS NOT NULL AND content_type IS NOT NULL)))`);
    await db.query(`CREATE INDEX media_files_message_idx ON media_files (message_id)`);
    await db.query(
      `CREATE INDEX media_files_due_idx ON media_files (next_attempt_at) WHERE state = 'pending'`,
    );

    await db.query(`CREATE TABLE callback_log (
      id bigserial PRIMARY KEY,
      received_at timestamptz NOT NULL DEFAULT now(),
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      message_type text,
      event_type text,
      verdict text CHECK (verdict IN ('new', 'duplicate')),
      result text NOT NULL CHECK (result IN ('stored', 'refused', 'failed')),
      reason text,
      platform_message_id text,
      message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
      encrypted boolean NOT NULL DEFAULT false,
      body_bytes integer NOT NULL DEFAULT 0,
      payload jsonb,
      body_prefix text,
      reingest_of bigint REFERENCES callback_log (id) ON DELETE SET NULL)`);
    await db.query(`CREATE INDEX callback_log_channel_idx ON callback_log (channel_id, id DESC)`);
    await db.query(`CREATE INDEX callback_log_received_idx ON callback_log (received_at)`);
    // What admins look for first: the callbacks that did not end up stored.
    await db.query(
      `CREATE INDEX callback_log_problems_idx ON callback_log (id DESC) WHERE result <> 'stored'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE callback_log`);
    await db.query(`DROP TABLE media_files`);
    await db.query(`DROP INDEX messages_unattached_idx`);
    await db.query(`ALTER TABLE messages DROP CONSTRAINT messages_belong_somewhere`);
    // Rows kept only against a contact cannot exist in the old shape.
    await db.query(`DELETE FROM messages WHERE conversation_id IS NULL`);
    await db.query(`ALTER TABLE messages
      ALTER COLUMN conversation_id SET NOT NULL,
      DROP COLUMN contact_id,
      DROP COLUMN content`);
  }
}
