import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, channels (with the Official Account config), contacts, conversations and messages. */
export class Foundation1763836800000 implements MigrationInterface {
  name = 'Foundation1763836800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE departments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`CREATE UNIQUE INDEX departments_name_key ON departments (lower(name))`);

    await db.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await db.query(`CREATE TABLE user_departments (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      department_id uuid NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, department_id))`);

    await db.query(`CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz)`);
    await db.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);

    await db.query(`CREATE TABLE login_failures (
      id bigserial PRIMARY KEY,
      email text NOT NULL,
      ip text NOT NULL,
      at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`CREATE INDEX login_failures_email_idx ON login_failures (email, at)`);
    await db.query(`CREATE INDEX login_failures_ip_idx ON login_failures (ip, at)`);

    await db.query(`CREATE TABLE channels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('wechat-oa', 'wecom-kf')),
      name text NOT NULL,
      department_id uuid REFERENCES departments (id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);

    await db.query(`CREATE TABLE wechat_oa_channel_configs (
      channel_id uuid PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
      app_id text NOT NULL,
      original_id text NOT NULL,
      encryption_mode text NOT NULL CHECK (encryption_mode IN ('plaintext', 'compatible', 'safe')),
      secrets_sealed text NOT NULL)`);

    await db.query(`CREATE TABLE channel_agents (
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      PRIMARY KEY (channel_id, user_id))`);
    await db.query(`CREATE INDEX channel_agents_user_idx ON channel_agents (user_id)`);

    await db.query(`CREATE TABLE access_tokens (
      key text PRIMARY KEY,
      token_sealed text,
      token_fingerprint text,
      expires_at timestamptz,
      refreshing_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now())`);

    await db.query(`CREATE TABLE contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      platform_user_id text NOT NULL,
      display_name text NOT NULL,
      avatar_url text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (channel_id, platform_user_id))`);

    await db.query(`CREATE TABLE conversations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      department_id uuid REFERENCES departments (id) ON DELETE SET NULL,
      status text NOT NULL CHECK (status IN ('waiting', 'active', 'closed')),
      assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_message_at timestamptz NOT NULL DEFAULT now(),
      last_message_preview text NOT NULL DEFAULT '',
      last_customer_message_at timestamptz,
      closed_at timestamptz)`);
    // One open conversation per contact per channel (CV1).
    await db.query(
      `CREATE UNIQUE INDEX conversations_one_open_key ON conversations (channel_id, contact_id) WHERE status <> 'closed'`,
    );
    await db.query(`CREATE INDEX conversations_inbox_idx ON conversations (status, last_message_at DESC)`);

    await db.query(`CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL UNIQUE,
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      type text NOT NULL,
      text text,
      payload jsonb NOT NULL DEFAULT '{}',
      platform_message_id text,
      sender_agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
      delivery_state text NOT NULL CHECK (delivery_state IN ('received', 'queued', 'sent', 'failed')),
      failure_reason text,
      attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz)`);
    // The platform's own id makes a retried callback a no-op (OA4).
    await db.query(
      `CREATE UNIQUE INDEX messages_platform_id_key ON messages (channel_id, platform_message_id) WHERE platform_message_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX messages_conversation_idx ON messages (conversation_id, seq)`);
    await db.query(
      `CREATE INDEX messages_outbox_idx ON messages (seq) WHERE delivery_state = 'queued' AND direction = 'outbound'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'messages',
      'conversations',
      'contacts',
      'access_tokens',
      'channel_agents',
      'wechat_oa_channel_configs',
      'channels',
      'login_failures',
      'sessions',
      'user_departments',
      'users',
      'departments',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
