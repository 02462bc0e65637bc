import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canned replies (CV4): a department's (managed by its supervisors and admins, usable in its conversations)
 * or one agent's own; exactly one of `department_id` and `owner_id` is set. Titles are unique within each.
 */
export class CannedReplies1796084300002 implements MigrationInterface {
  name = 'CannedReplies1796084300002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE canned_replies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      department_id uuid REFERENCES departments (id) ON DELETE CASCADE,
      owner_id uuid REFERENCES users (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT canned_replies_one_scope CHECK ((department_id IS NULL) <> (owner_id IS NULL)))`);
    await db.query(`CREATE UNIQUE INDEX canned_replies_department_title_key
      ON canned_replies (department_id, lower(title)) WHERE department_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX canned_replies_owner_title_key
      ON canned_replies (owner_id, lower(title)) WHERE owner_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE canned_replies`);
  }
}
