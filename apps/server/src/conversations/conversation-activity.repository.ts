import { Injectable } from '@nestjs/common';
import type { ConversationActivityKind, ConversationActivityView, ConversationStatus } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';

/** One line of a conversation's activity as it is written; null fields did not change or do not apply. */
export interface ActivityRecord {
  conversationId: string;
  kind: ConversationActivityKind;
  /** Null: the system. */
  actorId: string | null;
  fromStatus?: ConversationStatus | null;
  toStatus?: ConversationStatus | null;
  assigneeBefore?: string | null;
  assigneeAfter?: string | null;
  departmentBefore?: string | null;
  departmentAfter?: string | null;
  note?: string | null;
  reason?: string | null;
}

interface ActivityRow {
  id: string;
  conversation_id: string;
  at: Date;
  kind: ConversationActivityKind;
  actor_id: string | null;
  actor_name: string | null;
  from_status: ConversationStatus | null;
  to_status: ConversationStatus | null;
  assignee_before: string | null;
  assignee_before_name: string | null;
  assignee_after: string | null;
  assignee_after_name: string | null;
  department_before: string | null;
  department_before_name: string | null;
  department_after: string | null;
  department_after_name: string | null;
  note: string | null;
  reason: string | null;
}

const ACTIVITY_SELECT = `
  SELECT a.id::text AS id, a.conversation_id, a.at, a.kind, a.actor_id, actor.name AS actor_name,
         a.from_status, a.to_status, a.assignee_before, ab.name AS assignee_before_name,
         a.assignee_after, aa.name AS assignee_after_name, a.department_before, db.name AS department_before_name,
         a.department_after, da.name AS department_after_name, a.note, a.reason
  FROM conversation_activities a
  LEFT JOIN users actor ON actor.id = a.actor_id
  LEFT JOIN users ab ON ab.id = a.assignee_before
  LEFT JOIN users aa ON aa.id = a.assignee_after
  LEFT JOIN departments db ON db.id = a.department_before
  LEFT JOIN departments da ON da.id = a.department_after`;

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? 'Former user' } : null);

function toView(row: ActivityRow): ConversationActivityView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    at: new Date(row.at).toISOString(),
    kind: row.kind,
    actor: person(row.actor_id, row.actor_name),
    fromStatus: row.from_status,
    toStatus: row.to_status,
    assigneeBefore: person(row.assignee_before, row.assignee_before_name),
    assigneeAfter: person(row.assignee_after, row.assignee_after_name),
    departmentBefore: person(row.department_before, row.department_before_name),
    departmentAfter: person(row.department_after, row.department_after_name),
    note: row.note,
    reason: row.reason,
  };
}

/**
 * The conversation's activity (CV1): every state change and assignment, and notes the system keeps about a
 * conversation without changing it (an idle warning). Written in the caller's transaction.
 */
@Injectable()
export class ConversationActivityRepository {
  constructor(private readonly db: DataSource) {}

  async record(tx: EntityManager, activity: ActivityRecord): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      tx,
      `INSERT INTO conversation_activities (conversation_id, kind, actor_id, from_status, to_status,
         assignee_before, assignee_after, department_before, department_after, note, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::text AS id`,
      [
        activity.conversationId,
        activity.kind,
        activity.actorId,
        activity.fromStatus ?? null,
        activity.toStatus ?? null,
        activity.assigneeBefore ?? null,
        activity.assigneeAfter ?? null,
        activity.departmentBefore ?? null,
        activity.departmentAfter ?? null,
        activity.note ?? null,
        activity.reason ?? null,
      ],
    );
    return row!.id;
  }

  async list(conversationId: string, limit = 500): Promise<ConversationActivityView[]> {
    const rows = await sqlRows<ActivityRow>(
      this.db.manager,
      `${ACTIVITY_SELECT} WHERE a.conversation_id = $1 ORDER BY a.id LIMIT $2`,
      [conversationId, limit],
    );
    return rows.map(toView);
  }

  async find(id: string): Promise<ConversationActivityView | null> {
    const row = await sqlRow<ActivityRow>(this.db.manager, `${ACTIVITY_SELECT} WHERE a.id = $1::bigint`, [
      id,
    ]);
    return row ? toView(row) : null;
  }
}
