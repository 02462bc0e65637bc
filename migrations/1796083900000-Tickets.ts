import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets (issue 6, TK1/TK3): a number people can say aloud, the ticket's fields, the conversations whose
 * messages make its thread, and its history.
 *
 * - The number comes from a sequence: unique across every server process, never reused; a rolled-back
 *   creation leaves a gap, which is fine for a number people only need to tell apart. Starts at 1001 so that
 *   every number has four digits for a long while.
 * - A conversation is on at most one ticket at a time (`ended_at IS NULL`), but a ticket keeps the part of a
 *   conversation it had when the conversation's later messages moved to a new ticket (the ticket timer, TK2):
 *   a link covers the messages with `from_seq <= seq < to_seq` (either bound open when NULL).
 * - History rows: `actor_id` NULL = the system (timers, automation), which always gives a `reason`.
 */
export class Tickets1796083900000 implements MigrationInterface {
  name = 'Tickets1796083900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE ticket_number_seq AS integer START WITH 1001`);
    await db.query(`CREATE TABLE tickets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number integer NOT NULL DEFAULT nextval('ticket_number_seq') UNIQUE,
      subject text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 200),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'on-hold', 'closed')),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      department_id uuid REFERENCES departments (id) ON DELETE SET NULL,
      assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
      requester_contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      previous_ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      last_activity_at timestamptz NOT NULL,
      closed_at timestamptz,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL)))`);
    await db.query(`ALTER SEQUENCE ticket_number_seq OWNED BY tickets.number`);
    await db.query(`CREATE INDEX tickets_activity_idx ON tickets (last_activity_at DESC, id DESC)`);
    await db.query(`CREATE INDEX tickets_department_idx ON tickets (department_id, last_activity_at DESC)`);
    await db.query(`CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, last_activity_at DESC)`);
    await db.query(`CREATE INDEX tickets_requester_idx ON tickets (requester_contact_id)`);

    await db.query(`CREATE TABLE ticket_conversations (
      ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      linked_at timestamptz NOT NULL,
      linked_by uuid REFERENCES users (id) ON DELETE SET NULL,
      from_seq bigint,
      to_seq bigint,
      ended_at timestamptz,
      PRIMARY KEY (ticket_id, conversation_id),
      CHECK (to_seq IS NULL OR ended_at IS NOT NULL))`);
    await db.query(
      `CREATE UNIQUE INDEX ticket_conversations_current_key ON ticket_conversations (conversation_id) WHERE ended_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX ticket_conversations_conversation_idx ON ticket_conversations (conversation_id)`,
    );

    await db.query(`CREATE TABLE ticket_activities (
      id bigserial PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
      kind text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      reason text)`);
    await db.query(`CREATE INDEX ticket_activities_ticket_idx ON ticket_activities (ticket_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ticket_activities`);
    await db.query(`DROP TABLE ticket_conversations`);
    // The sequence is owned by tickets.number and goes with the table.
    await db.query(`DROP TABLE tickets`);
  }
}
