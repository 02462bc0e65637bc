import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { AGENT_LOAD_COLUMNS, type AgentLoadRow } from './conversation-state.repository.js';
import type { ConversationRow } from './conversation-views.js';
import { CONVERSATION_SELECT } from './conversations.repository.js';

/** What the supervisor view reads: departments (null: all), their agents and their queue. */
@Injectable()
export class SupervisorRepository {
  constructor(private readonly db: DataSource) {}

  departments(ids: string[] | null): Promise<Array<{ id: string; name: string; auto_assign: boolean }>> {
    return sqlRows(
      this.db.manager,
      `SELECT id, name, auto_assign FROM departments WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])
       ORDER BY lower(name)`,
      [ids],
    );
  }

  agents(
    departmentIds: string[] | null,
  ): Promise<Array<AgentLoadRow & { department_ids: string[]; channel_ids: string[] }>> {
    return sqlRows(
      this.db.manager,
      `SELECT ${AGENT_LOAD_COLUMNS},
              coalesce((SELECT array_agg(ud.department_id::text ORDER BY ud.department_id) FROM user_departments ud
                        WHERE ud.user_id = u.id), '{}') AS department_ids,
              coalesce((SELECT array_agg(ca.channel_id::text ORDER BY ca.channel_id) FROM channel_agents ca
                        WHERE ca.user_id = u.id), '{}') AS channel_ids
       FROM users u
       WHERE u.active AND u.role <> 'admin' AND ($1::uuid[] IS NULL OR EXISTS (
         SELECT 1 FROM user_departments ud WHERE ud.user_id = u.id AND ud.department_id = ANY($1::uuid[])))
       ORDER BY CASE u.presence WHEN 'online' THEN 0 WHEN 'away' THEN 1 ELSE 2 END, lower(u.name), u.id`,
      [departmentIds],
    );
  }

  active(departmentIds: string[] | null, limit = 500): Promise<ConversationRow[]> {
    return sqlRows(
      this.db.manager,
      `${CONVERSATION_SELECT}
       WHERE c.status = 'active' AND ($1::uuid[] IS NULL OR c.department_id = ANY($1::uuid[]))
       ORDER BY c.last_message_at DESC LIMIT $2`,
      [departmentIds, limit],
    );
  }

  /** Waiting and missed chats, longest waiting first; for admins (null) also those of no department. */
  queue(
    departmentIds: string[] | null,
    limit = 200,
  ): Promise<Array<ConversationRow & { waiting_since: Date }>> {
    return sqlRows(
      this.db.manager,
      `SELECT q.*, w.waiting_since FROM (${CONVERSATION_SELECT}
         WHERE c.status IN ('waiting', 'missed') AND ($1::uuid[] IS NULL OR c.department_id = ANY($1::uuid[]))
       ) q
       JOIN conversations w ON w.id = q.id
       ORDER BY coalesce(w.waiting_since, w.created_at), w.id LIMIT $2`,
      [departmentIds, limit],
    );
  }
}
