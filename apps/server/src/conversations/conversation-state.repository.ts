import { Injectable } from '@nestjs/common';
import type { AgentLoadView, ConversationStatus, TeamMemberView } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { ConversationState } from './conversation-state.js';

export interface LockedConversation extends ConversationState {
  id: string;
  channelId: string;
  contactId: string;
}

/** Someone a conversation could go to, as the transition checks them. */
export interface AssignableUser {
  id: string;
  name: string;
  active: boolean;
  /** Associated with the conversation's channel: only then do they see it (CH5). */
  associated: boolean;
  departmentIds: string[];
}

export interface AgentLoadRow {
  id: string;
  name: string;
  role: AgentLoadView['role'];
  presence: AgentLoadView['presence'];
  active_chats: number;
  max_concurrent_chats: number;
}

/** An agent's load: the chats they have now (`active`), against their capacity. Needs `users u`. */
export const AGENT_LOAD_COLUMNS = `u.id, u.name, u.role, u.presence, u.max_concurrent_chats,
  (SELECT count(*)::int FROM conversations l WHERE l.assignee_id = u.id AND l.status = 'active') AS active_chats`;

export const toAgentLoad = (row: AgentLoadRow): AgentLoadView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  presence: row.presence,
  activeChats: row.active_chats,
  maxConcurrentChats: row.max_concurrent_chats,
});

/** The state part of a conversation: read under a row lock, written by ConversationTransitionsService only. */
@Injectable()
export class ConversationStateRepository {
  constructor(private readonly db: DataSource) {}

  async lock(tx: EntityManager, conversationId: string): Promise<LockedConversation | null> {
    const row = await sqlRow<{
      id: string;
      channel_id: string;
      contact_id: string;
      status: ConversationStatus;
      assignee_id: string | null;
      department_id: string | null;
    }>(
      tx,
      `SELECT id, channel_id, contact_id, status, assignee_id, department_id FROM conversations
       WHERE id = $1 FOR UPDATE`,
      [conversationId],
    );
    if (!row) return null;
    return {
      id: row.id,
      channelId: row.channel_id,
      contactId: row.contact_id,
      status: row.status,
      assigneeId: row.assignee_id,
      departmentId: row.department_id,
    };
  }

  /** `waiting_since` restarts whenever a chat goes (back) into a queue: waiting times count from there. */
  async write(
    tx: EntityManager,
    conversationId: string,
    from: ConversationState,
    next: ConversationState,
  ): Promise<void> {
    await tx.query(
      `UPDATE conversations
       SET status = $2, assignee_id = $3, department_id = $4,
           waiting_since = CASE WHEN $2 = 'waiting' AND ($5 <> 'waiting' OR department_id IS DISTINCT FROM $4)
                                THEN now() WHEN $2 IN ('waiting', 'missed') THEN waiting_since END,
           closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END
       WHERE id = $1`,
      [conversationId, next.status, next.assigneeId, next.departmentId, from.status],
    );
  }

  /** Locks the user's row: assignments to one agent happen one after another, so their load is exact. */
  async lockAssignable(tx: EntityManager, userId: string, channelId: string): Promise<AssignableUser | null> {
    const row = await sqlRow<{
      id: string;
      name: string;
      active: boolean;
      associated: boolean;
      department_ids: string[];
    }>(
      tx,
      `SELECT u.id, u.name, u.active,
              EXISTS (SELECT 1 FROM channel_agents ca WHERE ca.user_id = u.id AND ca.channel_id = $2) AS associated,
              coalesce((SELECT array_agg(ud.department_id::text) FROM user_departments ud WHERE ud.user_id = u.id), '{}') AS department_ids
       FROM users u WHERE u.id = $1 FOR UPDATE OF u`,
      [userId, channelId],
    );
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      active: row.active,
      associated: row.associated,
      departmentIds: row.department_ids,
    };
  }

  async userName(tx: EntityManager, userId: string): Promise<string | null> {
    const row = await sqlRow<{ name: string }>(tx, `SELECT name FROM users WHERE id = $1`, [userId]);
    return row?.name ?? null;
  }

  async departmentExists(tx: EntityManager, departmentId: string): Promise<boolean> {
    return (await sqlRow(tx, `SELECT 1 FROM departments WHERE id = $1`, [departmentId])) !== null;
  }

  /** False when they were a participant already. */
  async addParticipant(
    tx: EntityManager,
    conversationId: string,
    userId: string,
    addedBy: string | null,
  ): Promise<boolean> {
    const rows = await sqlRows(
      tx,
      `INSERT INTO conversation_participants (conversation_id, user_id, added_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [conversationId, userId, addedBy],
    );
    return rows.length > 0;
  }

  /** The new assignee is no longer a participant beside themselves. */
  async removeParticipant(tx: EntityManager, conversationId: string, userId: string): Promise<void> {
    await tx.query(`DELETE FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2`, [
      conversationId,
      userId,
    ]);
  }

  async isParticipant(conversationId: string, userId: string): Promise<boolean> {
    return (
      (await sqlRow(
        this.db.manager,
        `SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2`,
        [conversationId, userId],
      )) !== null
    );
  }

  /** Active users associated with the channel or in the department, with presence and load, by name. */
  async teamOf(
    channelId: string,
    departmentId: string | null,
  ): Promise<Array<Omit<TeamMemberView, 'participant'>>> {
    const rows = await sqlRows<AgentLoadRow & { associated: boolean; in_department: boolean }>(
      this.db.manager,
      `SELECT ${AGENT_LOAD_COLUMNS},
              EXISTS (SELECT 1 FROM channel_agents ca WHERE ca.user_id = u.id AND ca.channel_id = $1) AS associated,
              EXISTS (SELECT 1 FROM user_departments ud WHERE ud.user_id = u.id AND ud.department_id = $2) AS in_department
       FROM users u
       WHERE u.active AND (EXISTS (SELECT 1 FROM channel_agents ca WHERE ca.user_id = u.id AND ca.channel_id = $1)
                           OR EXISTS (SELECT 1 FROM user_departments ud WHERE ud.user_id = u.id AND ud.department_id = $2))
       ORDER BY lower(u.name), u.id`,
      [channelId, departmentId],
    );
    return rows.map((row) => ({
      ...toAgentLoad(row),
      associated: row.associated,
      inDepartment: row.in_department,
    }));
  }

  async participants(conversationId: string): Promise<Array<{ id: string; name: string }>> {
    return sqlRows(
      this.db.manager,
      `SELECT u.id, u.name FROM conversation_participants p JOIN users u ON u.id = p.user_id
       WHERE p.conversation_id = $1 ORDER BY p.added_at`,
      [conversationId],
    );
  }
}
