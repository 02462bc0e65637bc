import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What admins manage about agents (issue 5): capacity (max concurrent chats), presence with the reason an
 * agent is away (chosen, or idle: only idle-away comes back by itself), the last activity that idle-away is
 * measured from, and invitations — a one-time link with which a new user sets their own password, so the
 * admin never knows it. An invited user has no password until they accept.
 */
export class AgentAdministration1796083600000 implements MigrationInterface {
  name = 'AgentAdministration1796083600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users
      ALTER COLUMN password_hash DROP NOT NULL,
      ADD COLUMN max_concurrent_chats integer NOT NULL DEFAULT 5 CHECK (max_concurrent_chats BETWEEN 1 AND 100),
      ADD COLUMN presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
      ADD COLUMN presence_reason text CHECK (presence_reason IN ('chosen', 'idle')),
      ADD COLUMN presence_changed_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN last_active_at timestamptz`);
    await db.query(`CREATE INDEX users_online_idx ON users (last_active_at) WHERE presence = 'online'`);

    await db.query(`CREATE TABLE user_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      revoked_at timestamptz)`);
    await db.query(`CREATE INDEX user_invitations_user_idx ON user_invitations (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE user_invitations`);
    await db.query(`DROP INDEX users_online_idx`);
    await db.query(`UPDATE users SET password_hash = '!' WHERE password_hash IS NULL`);
    await db.query(`ALTER TABLE users
      DROP COLUMN last_active_at, DROP COLUMN presence_changed_at, DROP COLUMN presence_reason,
      DROP COLUMN presence, DROP COLUMN max_concurrent_chats,
      ALTER COLUMN password_hash SET NOT NULL`);
  }
}
