import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversation states (CV1) and their history. `missed`: a waiting chat nobody took in time; it is still open
 * (the one-open-per-contact index is `status <> 'closed'`, so it keeps counting), and an agent may still take
 * it. Every state change, assignment, transfer and participant, and whatever the system notes about a
 * conversation (an idle warning), is one `conversation_activities` row: `actor_id` null means the system,
 * `kind` is one of `ConversationActivityKind` (libs/contracts; not a CHECK list, so a new kind needs no migration),
 * `reason` says why in words ("closed after 24 h idle"), `note` is what a person wrote (a transfer's note).
 *
 * Assignment (CV3): departments may assign automatically; `conversation_participants` are the other agents
 * of the department who handle a conversation with its assignee; `assignment_cursors` keep the round-robin
 * position per department in the database, so several server processes share it.
 */
export class ConversationStatesAndActivity1796084500000 implements MigrationInterface {
  name = 'ConversationStatesAndActivity1796084500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE conversations DROP CONSTRAINT conversations_status_check`);
    await db.query(`ALTER TABLE conversations ADD CONSTRAINT conversations_status_check
      CHECK (status IN ('waiting', 'active', 'missed', 'closed'))`);
    await db.query(`ALTER TABLE conversations ADD COLUMN waiting_since timestamptz`);
    await db.query(`UPDATE conversations SET waiting_since = created_at WHERE status = 'waiting'`);
    // The waiting queue, oldest first, and an agent's load.
    await db.query(
      `CREATE INDEX conversations_waiting_idx ON conversations (waiting_since) WHERE status = 'waiting'`,
    );
    await db.query(
      `CREATE INDEX conversations_assignee_open_idx ON conversations (assignee_id) WHERE status = 'active'`,
    );

    await db.query(`CREATE TABLE conversation_activities (
      id bigserial PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z-]{0,39}$'),
      actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
      from_status text,
      to_status text,
      assignee_before uuid REFERENCES users (id) ON DELETE SET NULL,
      assignee_after uuid REFERENCES users (id) ON DELETE SET NULL,
      department_before uuid REFERENCES departments (id) ON DELETE SET NULL,
      department_after uuid REFERENCES departments (id) ON DELETE SET NULL,
      note text CHECK (length(note) <= 2000),
      reason text CHECK (length(reason) <= 500))`);
    await db.query(
      `CREATE INDEX conversation_activities_conversation_idx ON conversation_activities (conversation_id, id)`,
    );

    await db.query(`CREATE TABLE conversation_participants (
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      added_by uuid REFERENCES users (id) ON DELETE SET NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, user_id))`);
    await db.query(`CREATE INDEX conversation_participants_user_idx ON conversation_participants (user_id)`);

    await db.query(`ALTER TABLE departments ADD COLUMN auto_assign boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE TABLE assignment_cursors (
      department_id uuid PRIMARY KEY REFERENCES departments (id) ON DELETE CASCADE,
      last_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE assignment_cursors`);
    await db.query(`ALTER TABLE departments DROP COLUMN auto_assign`);
    await db.query(`DROP TABLE conversation_participants`);
    await db.query(`DROP TABLE conversation_activities`);
    await db.query(`DROP INDEX conversations_assignee_open_idx`);
    await db.query(`DROP INDEX conversations_waiting_idx`);
    await db.query(`ALTER TABLE conversations DROP COLUMN waiting_since`);
    // A missed chat was a waiting one nobody took: that is what it is without the state.
    await db.query(`UPDATE conversations SET status = 'waiting' WHERE status = 'missed'`);
    await db.query(`ALTER TABLE conversations DROP CONSTRAINT conversations_status_check`);
    await db.query(`ALTER TABLE conversations ADD CONSTRAINT conversations_status_check
      CHECK (status IN ('waiting', 'active', 'closed'))`);
  }
}
