import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';

export interface WaitingChat {
  id: string;
  channelId: string;
  contactId: string;
}

/** The queries of auto-assignment (CV3); every one that decides runs in the assigner's transaction. */
@Injectable()
export class AutoAssignmentRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One assigner per department at a time, across server processes (released at commit). Two departments'
   * assigners may run together: they meet on the agent's row lock (`lockIfFree`).
   */
  async lockDepartment(tx: EntityManager, departmentId: string): Promise<boolean> {
    const row = await sqlRow<{ auto_assign: boolean }>(
      tx,
      `SELECT pg_advisory_xact_lock(hashtext('auto-assign'), hashtext($1::text)), auto_assign
       FROM departments WHERE id = $1::uuid`,
      [departmentId],
    );
    return row?.auto_assign ?? false;
  }

  /** The longest-waiting chat of the department not being changed by someone else right now. */
  nextWaiting(tx: EntityManager, departmentId: string, skip: string[]): Promise<WaitingChat | null> {
    return sqlRow<WaitingChat>(
      tx,
      `SELECT id, channel_id AS "channelId", contact_id AS "contactId" FROM conversations
       WHERE department_id = $1 AND status = 'waiting' AND NOT (id = ANY($2::uuid[]))
       ORDER BY coalesce(waiting_since, created_at), id
       LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [departmentId, skip],
    );
  }

  /** Online, active, associated with the channel, in the department, below capacity; by id (the ring). */
  async candidates(tx: EntityManager, channelId: string, departmentId: string): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      tx,
      `SELECT u.id FROM users u
       JOIN channel_agents ca ON ca.user_id = u.id AND ca.channel_id = $1
       JOIN user_departments ud ON ud.user_id = u.id AND ud.department_id = $2
       WHERE u.active AND u.presence = 'online'
         AND (SELECT count(*) FROM conversations l WHERE l.assignee_id = u.id AND l.status = 'active')
             < u.max_concurrent_chats
       ORDER BY u.id`,
      [channelId, departmentId],
    );
    return rows.map((r) => r.id);
  }

  /** Whoever had the contact's latest earlier conversation on this channel. */
  async previousAgent(tx: EntityManager, chat: WaitingChat): Promise<string | null> {
    const row = await sqlRow<{ assignee_id: string }>(
      tx,
      `SELECT assignee_id FROM conversations
       WHERE contact_id = $1 AND channel_id = $2 AND id <> $3 AND assignee_id IS NOT NULL
       ORDER BY coalesce(closed_at, last_message_at) DESC LIMIT 1`,
      [chat.contactId, chat.channelId, chat.id],
    );
    return row?.assignee_id ?? null;
  }

  async cursor(tx: EntityManager, departmentId: string): Promise<string | null> {
    const row = await sqlRow<{ last_user_id: string | null }>(
      tx,
      `SELECT last_user_id FROM assignment_cursors WHERE department_id = $1`,
      [departmentId],
    );
    return row?.last_user_id ?? null;
  }

  async moveCursor(tx: EntityManager, departmentId: string, userId: string): Promise<void> {
    await tx.query(
      `INSERT INTO assignment_cursors (department_id, last_user_id) VALUES ($1, $2)
       ON CONFLICT (department_id) DO UPDATE SET last_user_id = EXCLUDED.last_user_id, updated_at = now()`,
      [departmentId, userId],
    );
  }

  /**
   * Locks the agent's row, then counts their chats: every assignment to them (automatic or not) takes the
   * same lock first, so the count cannot change before this transaction commits. SKIP LOCKED: an agent
   * someone else is assigning to right now counts as busy (waiting for them could deadlock two departments'
   * assigners that each hold one agent); the next trigger or the sweep comes back to them.
   */
  async lockIfFree(tx: EntityManager, userId: string): Promise<boolean> {
    const locked = await sqlRow(tx, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE SKIP LOCKED`, [userId]);
    if (!locked) return false;
    const row = await sqlRow<{ free: boolean }>(
      tx,
      `SELECT u.active AND u.presence = 'online'
              AND (SELECT count(*) FROM conversations l WHERE l.assignee_id = u.id AND l.status = 'active')
                  < u.max_concurrent_chats AS free
       FROM users u WHERE u.id = $1`,
      [userId],
    );
    return row?.free ?? false;
  }

  async departmentsOf(userId: string): Promise<string[]> {
    const rows = await sqlRows<{ department_id: string }>(
      this.db.manager,
      `SELECT ud.department_id FROM user_departments ud JOIN departments d ON d.id = ud.department_id
       WHERE ud.user_id = $1 AND d.auto_assign`,
      [userId],
    );
    return rows.map((r) => r.department_id);
  }

  /** Departments that assign automatically and have someone waiting: the sweep's work. */
  async departmentsWithQueue(): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      `SELECT d.id FROM departments d
       WHERE d.auto_assign AND EXISTS (SELECT 1 FROM conversations c WHERE c.department_id = d.id AND c.status = 'waiting')`,
    );
    return rows.map((r) => r.id);
  }
}
