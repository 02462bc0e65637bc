import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People (BX3, CV5): a person groups the contacts of one human across channels. Contacts join one when the
 * platform says they are the same human (WeChat's UnionID, stored on the contact by the profile refresh) or
 * when an agent merges them; `person_link = 'separate'` remembers that an agent split a contact off, so the
 * UnionID does not link it again. A contact without a person is a person of its own: none is created on the
 * callback path. `person_activities` records every link, merge, split and edit.
 */
export class PeopleAndUnionIds1796084300000 implements MigrationInterface {
  name = 'PeopleAndUnionIds1796084300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE people (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      display_name text CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 80),
      notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`ALTER TABLE contacts
      ADD COLUMN person_id uuid REFERENCES people (id) ON DELETE SET NULL,
      ADD COLUMN person_link text CHECK (person_link IN ('unionid', 'agent', 'separate')),
      ADD COLUMN union_id text`);
    await db.query(`CREATE INDEX contacts_person_idx ON contacts (person_id) WHERE person_id IS NOT NULL`);
    await db.query(`CREATE INDEX contacts_union_idx ON contacts (union_id) WHERE union_id IS NOT NULL`);
    await db.query(`CREATE TABLE person_activities (
      id bigserial PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('linked', 'merged', 'split', 'edited')),
      contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
      detail jsonb NOT NULL DEFAULT '{}')`);
    await db.query(`CREATE INDEX person_activities_person_idx ON person_activities (person_id, id DESC)`);
    // The contact page lists every conversation of a person's contacts, closed ones included.
    await db.query(
      `CREATE INDEX conversations_contact_idx ON conversations (contact_id, last_message_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX conversations_contact_idx`);
    await db.query(`DROP TABLE person_activities`);
    await db.query(`DROP INDEX contacts_union_idx`);
    await db.query(`DROP INDEX contacts_person_idx`);
    await db.query(
      `ALTER TABLE contacts DROP COLUMN union_id, DROP COLUMN person_link, DROP COLUMN person_id`,
    );
    await db.query(`DROP TABLE people`);
  }
}
