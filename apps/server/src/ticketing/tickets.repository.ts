import { Injectable } from '@nestjs/common';
import type { TicketChange, TicketPriority, TicketStatus } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { TicketScope } from './ticket-access.service.js';
import {
  toActivityDetail,
  type AssigneeRow,
  type TicketActivityRow,
  type TicketLinkRow,
  type TicketRow,
} from './ticket-views.js';

const TICKET_SELECT = `
  SELECT t.id, t.number, t.subject, t.status, t.priority,
         t.department_id, d.name AS department_name, t.assignee_id, u.name AS assignee_name,
         t.requester_contact_id, ct.channel_id AS requester_channel_id,
         ct.display_name AS requester_display_name, ct.avatar_url AS requester_avatar_url,
         t.previous_ticket_id, p.number AS previous_ticket_number,
         (SELECT count(*)::int FROM ticket_conversations tc WHERE tc.ticket_id = t.id) AS conversation_count,
         ARRAY(SELECT DISTINCT c.channel_id::text FROM ticket_conversations tc
               JOIN conversations c ON c.id = tc.conversation_id WHERE tc.ticket_id = t.id) AS channel_ids,
         t.created_at, t.updated_at, t.last_activity_at, t.closed_at,
         to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS activity_key
  FROM tickets t
  JOIN contacts ct ON ct.id = t.requester_contact_id
  LEFT JOIN departments d ON d.id = t.department_id
  LEFT JOIN users u ON u.id = t.assignee_id
  LEFT JOIN tickets p ON p.id = t.previous_ticket_id`;

/** What a change is decided on, read under the ticket's row lock. */
export interface LockedTicket {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  department_id: string | null;
  department_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  requester_contact_id: string;
}

export interface LockedLink {
  ticket_id: string;
  ticket_number: number;
  ended_at: Date | null;
}

export interface TicketFilter {
  statuses?: TicketStatus[];
  priority?: TicketPriority;
  departmentId?: string;
  /** null: unassigned. */
  assigneeId?: string | null;
  requesterId?: string;
  /** Words of the subject (case-insensitive), or the ticket's number. */
  text?: string;
}

export interface TicketCursor {
  activityKey: string;
  id: string;
}

export interface ActivityEntry {
  change: TicketChange;
  reason: string | null;
}

/** The ticket's fields as they are after a change. */
export interface TicketFields {
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  departmentId: string | null;
  assigneeId: string | null;
}

const TICKET_NUMBER = /^#?\s*(\d{1,9})$/;

/** Everything the ticketing module stores and reads; the only place it touches SQL. */
@Injectable()
export class TicketsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  findTicket(id: string): Promise<TicketRow | null> {
    return sqlRow<TicketRow>(this.db.manager, `${TICKET_SELECT} WHERE t.id = $1`, [id]);
  }

  /** The ticket the conversation is on now (its current link). */
  findTicketOfConversation(conversationId: string): Promise<TicketRow | null> {
    return sqlRow<TicketRow>(
      this.db.manager,
      `${TICKET_SELECT}
       WHERE t.id = (SELECT ticket_id FROM ticket_conversations WHERE conversation_id = $1 AND ended_at IS NULL)`,
      [conversationId],
    );
  }

  /** One page, newest activity first, and how many match in all. */
  async listTickets(
    scope: TicketScope,
    filter: TicketFilter,
    page: { limit: number; after: TicketCursor | null },
  ): Promise<{ rows: TicketRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!scope.all) {
      where.push(`(t.department_id = ANY(${param(scope.departmentIds)}::uuid[]) OR EXISTS (
        SELECT 1 FROM ticket_conversations tc JOIN conversations c ON c.id = tc.conversation_id
        WHERE tc.ticket_id = t.id AND c.channel_id = ANY(${param(scope.channelIds)}::uuid[])))`);
    }
    if (filter.statuses) where.push(`t.status = ANY(${param(filter.statuses)}::text[])`);
    if (filter.priority) where.push(`t.priority = ${param(filter.priority)}`);
    if (filter.departmentId) where.push(`t.department_id = ${param(filter.departmentId)}`);
    if (filter.assigneeId === null) where.push(`t.assignee_id IS NULL`);
    else if (filter.assigneeId) where.push(`t.assignee_id = ${param(filter.assigneeId)}`);
    if (filter.requesterId) where.push(`t.requester_contact_id = ${param(filter.requesterId)}`);
    if (filter.text) {
      // Tickets are few next to messages: a scan of the subjects in scope is fast, and works for Chinese
      // words of any length (a trigram index could not serve a two-character query).
      const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const number = TICKET_NUMBER.exec(filter.text)?.[1];
      where.push(
        number
          ? `(t.subject ILIKE ${param(pattern)} OR t.number = ${param(Number(number))})`
          : `t.subject ILIKE ${param(pattern)}`,
      );
    }
    const filtered = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const counted = await sqlRow<{ n: number }>(
      this.db.manager,
      `SELECT count(*)::int AS n FROM tickets t ${filtered}`,
      params,
    );

    const pageWhere = [...where];
    const pageParams = [...params];
    if (page.after) {
      pageParams.push(page.after.activityKey, page.after.id);
      pageWhere.push(
        `(t.last_activity_at, t.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`,
      );
    }
    pageParams.push(page.limit);
    const rows = await sqlRows<TicketRow>(
      this.db.manager,
      `${TICKET_SELECT} ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $${pageParams.length}`,
      pageParams,
    );
    return { rows, total: counted?.n ?? 0 };
  }

  /** The ticket's conversations, in the order of their first message. */
  listLinks(ticketId: string): Promise<TicketLinkRow[]> {
    return sqlRows<TicketLinkRow>(
      this.db.manager,
      `SELECT tc.conversation_id, c.channel_id, tc.linked_at, tc.ended_at,
              tc.from_seq::text AS from_seq, tc.to_seq::text AS to_seq
       FROM ticket_conversations tc JOIN conversations c ON c.id = tc.conversation_id
       WHERE tc.ticket_id = $1
       ORDER BY c.created_at, tc.from_seq NULLS FIRST, tc.conversation_id`,
      [ticketId],
    );
  }

  /** Channels of the ticket's conversations (who may see it), read within a change's transaction. */
  async listLinkChannels(tx: EntityManager, ticketId: string): Promise<string[]> {
    const rows = await sqlRows<{ channel_id: string }>(
      tx,
      `SELECT DISTINCT c.channel_id FROM ticket_conversations tc JOIN conversations c ON c.id = tc.conversation_id
       WHERE tc.ticket_id = $1`,
      [ticketId],
    );
    return rows.map((r) => r.channel_id);
  }

  listActivity(ticketId: string, limit = 1000): Promise<TicketActivityRow[]> {
    return sqlRows<TicketActivityRow>(
      this.db.manager,
      `SELECT a.id::text AS id, a.at, a.actor_id, u.name AS actor_name, a.kind, a.detail, a.reason
       FROM ticket_activities a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.ticket_id = $1 ORDER BY a.id LIMIT $2`,
      [ticketId, limit],
    );
  }

  /**
   * People as assignment candidates for a ticket whose conversations are on `ticketChannelIds`: given ones
   * (`userIds`), or the members of a department.
   */
  assigneeCandidates(
    who: { userIds: string[] } | { departmentId: string },
    ticketChannelIds: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<AssigneeRow[]> {
    const filter =
      'userIds' in who
        ? `u.id = ANY($1::uuid[])`
        : `u.id IN (SELECT user_id FROM user_departments WHERE department_id = $1)`;
    return sqlRows<AssigneeRow>(
      manager,
      `SELECT u.id, u.name, u.role, u.active,
              ARRAY(SELECT ud.department_id::text FROM user_departments ud WHERE ud.user_id = u.id) AS department_ids,
              EXISTS (SELECT 1 FROM channel_agents ca
                      WHERE ca.user_id = u.id AND ca.channel_id = ANY($2::uuid[])) AS sees_ticket_channels
       FROM users u WHERE ${filter} ORDER BY lower(u.name), u.id`,
      ['userIds' in who ? who.userIds : who.departmentId, ticketChannelIds],
    );
  }

  lockTicket(tx: EntityManager, id: string): Promise<LockedTicket | null> {
    return sqlRow<LockedTicket>(
      tx,
      `SELECT t.id, t.number, t.subject, t.status, t.priority, t.department_id, d.name AS department_name,
              t.assignee_id, u.name AS assignee_name, t.requester_contact_id
       FROM tickets t
       LEFT JOIN departments d ON d.id = t.department_id
       LEFT JOIN users u ON u.id = t.assignee_id
       WHERE t.id = $1 FOR UPDATE OF t`,
      [id],
    );
  }

  /**
   * The conversation's links to tickets (the current one has `ended_at` null), locked so that two changes
   * of them are decided one after the other. Always taken before a ticket's row lock: one order, no deadlock.
   */
  lockLinksOf(tx: EntityManager, conversationId: string): Promise<LockedLink[]> {
    return sqlRows<LockedLink>(
      tx,
      `SELECT tc.ticket_id, t.number AS ticket_number, tc.ended_at
       FROM ticket_conversations tc JOIN tickets t ON t.id = tc.ticket_id
       WHERE tc.conversation_id = $1 ORDER BY tc.ticket_id FOR UPDATE OF tc`,
      [conversationId],
    );
  }

  async insertTicket(
    tx: EntityManager,
    ticket: {
      subject: string;
      priority: TicketPriority;
      departmentId: string | null;
      assigneeId: string | null;
      requesterContactId: string;
      previousTicketId: string | null;
      at: Date;
    },
  ): Promise<{ id: string; number: number }> {
    const row = await sqlRow<{ id: string; number: number }>(
      tx,
      `INSERT INTO tickets (subject, status, priority, department_id, assignee_id, requester_contact_id,
                            previous_ticket_id, created_at, updated_at, last_activity_at)
       VALUES ($1, 'open', $2, $3, $4, $5, $6, $7, $7, $7) RETURNING id, number`,
      [
        ticket.subject,
        ticket.priority,
        ticket.departmentId,
        ticket.assigneeId,
        ticket.requesterContactId,
        ticket.previousTicketId,
        ticket.at,
      ],
    );
    return row!;
  }

  /** Writes the fields after a change; `closed_at` follows the status. */
  async updateTicket(tx: EntityManager, id: string, fields: TicketFields, at: Date): Promise<void> {
    await tx.query(
      `UPDATE tickets
       SET subject = $2, status = $3, priority = $4, department_id = $5, assignee_id = $6,
           closed_at = CASE WHEN $3 <> 'closed' THEN NULL WHEN status = 'closed' THEN closed_at ELSE $7 END,
           updated_at = $7, last_activity_at = greatest(last_activity_at, $7)
       WHERE id = $1`,
      [id, fields.subject, fields.status, fields.priority, fields.departmentId, fields.assigneeId, at],
    );
  }

  /** A link or unlink is a change of the ticket too. */
  async touchTicket(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE tickets SET updated_at = $2, last_activity_at = greatest(last_activity_at, $2) WHERE id = $1`,
      [id, at],
    );
  }

  /**
   * Links the conversation from `fromSeq` on. A link this ticket once had with it (ended when its later
   * messages went elsewhere) becomes current again, so the ticket never shows a message twice.
   */
  async insertLink(
    tx: EntityManager,
    link: {
      ticketId: string;
      conversationId: string;
      linkedBy: string | null;
      fromSeq: string | null;
      at: Date;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO ticket_conversations (ticket_id, conversation_id, linked_at, linked_by, from_seq)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id, conversation_id)
       DO UPDATE SET ended_at = NULL, to_seq = NULL, linked_at = EXCLUDED.linked_at, linked_by = EXCLUDED.linked_by`,
      [link.ticketId, link.conversationId, link.at, link.linkedBy, link.fromSeq],
    );
  }

  /** The ticket keeps the conversation's messages before `toSeq`; later ones belong to another ticket. */
  async endLink(
    tx: EntityManager,
    ticketId: string,
    conversationId: string,
    toSeq: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE ticket_conversations SET ended_at = $3, to_seq = $4
       WHERE ticket_id = $1 AND conversation_id = $2 AND ended_at IS NULL`,
      [ticketId, conversationId, at, toSeq],
    );
  }

  async deleteLink(tx: EntityManager, ticketId: string, conversationId: string): Promise<boolean> {
    const rows = await sqlRows<{ conversation_id: string }>(
      tx,
      `DELETE FROM ticket_conversations WHERE ticket_id = $1 AND conversation_id = $2 RETURNING conversation_id`,
      [ticketId, conversationId],
    );
    return rows.length > 0;
  }

  async countLinks(tx: EntityManager, ticketId: string): Promise<number> {
    const row = await sqlRow<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM ticket_conversations WHERE ticket_id = $1`,
      [ticketId],
    );
    return row?.n ?? 0;
  }

  async insertActivities(
    tx: EntityManager,
    ticketId: string,
    at: Date,
    actorId: string | null,
    entries: ActivityEntry[],
  ): Promise<void> {
    for (const entry of entries) {
      await tx.query(
        `INSERT INTO ticket_activities (ticket_id, at, actor_id, kind, detail, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          ticketId,
          at,
          actorId,
          entry.change.kind,
          JSON.stringify(toActivityDetail(entry.change)),
          entry.reason,
        ],
      );
    }
  }

  /**
   * A message in the conversation is activity on the ticket it is on now; returns that ticket's id. Never
   * moves the time back (messages are announced out of order now and then).
   */
  async touchTicketOfConversation(conversationId: string, at: Date): Promise<string | null> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE tickets t SET last_activity_at = $2
       FROM ticket_conversations tc
       WHERE tc.ticket_id = t.id AND tc.conversation_id = $1 AND tc.ended_at IS NULL AND t.last_activity_at < $2
       RETURNING t.id`,
      [conversationId, at],
    );
    return rows[0]?.id ?? null;
  }
}
