import { Injectable } from '@nestjs/common';
import type { ConversationStatus } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { ChannelScope } from '../identity/access-scope.service.js';
import type { ConversationRow, MessageRow } from './conversation-views.js';
import { MESSAGE_MEDIA_JSON } from '../media/media.repository.js';
import type { StoredContent } from './message-content.js';

const CONVERSATION_SELECT = `
  SELECT c.id, c.channel_id, ch.kind AS channel_kind, ch.name AS channel_name, c.department_id,
         c.contact_id, ct.display_name AS contact_display_name, ct.avatar_url AS contact_avatar_url,
         c.status, c.assignee_id, c.last_message_at, c.last_message_preview, c.last_customer_message_at, c.created_at
  FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  JOIN contacts ct ON ct.id = c.contact_id`;

// Agents' text rows carry no `content`: it follows from the type and the text.
const MESSAGE_SELECT = `
  SELECT m.id, m.seq::text AS seq, m.conversation_id, m.contact_id, m.channel_id, m.direction, m.type, m.text,
         coalesce(m.content, CASE WHEN m.type = 'text' THEN jsonb_build_object('type', 'text', 'text', coalesce(m.text, ''))
                                  ELSE jsonb_build_object('type', 'unsupported', 'platformType', m.type) END) AS content,
         ${MESSAGE_MEDIA_JSON} AS media,
         m.sender_agent_id, u.name AS sender_name, m.delivery_state, m.failure_reason, m.created_at
  FROM messages m
  LEFT JOIN users u ON u.id = m.sender_agent_id`;

/** An inbound message as the ingest writes it; see ConversationIngestService. */
export interface InboundRow {
  channelId: string;
  contactId: string;
  departmentId: string | null;
  platformMessageId: string;
  type: string;
  text: string | null;
  content: StoredContent;
  payload: Record<string, unknown>;
  preview: string;
  sentAt: Date;
  opensConversation: boolean;
  /** A message from the customer (not an event): moves the 48-hour reply window. */
  customerWrote: boolean;
  /** Events kept against the contact this long before the message join the conversation it opens. */
  attachEventsWithinSeconds: number;
}

export interface InsertedInbound {
  messageId: string;
  conversationId: string | null;
  conversationOpened: boolean;
}

/** What the send policy needs to know about a conversation, read under a row lock. */
export interface SendContext {
  conversationId: string;
  conversationStatus: ConversationStatus;
  assigneeId: string | null;
  channelId: string;
  channelStatus: 'active' | 'inactive';
  channelDepartmentId: string | null;
  lastCustomerMessageAt: Date | null;
  sentSinceCustomerMessage: number;
}

export interface ClaimedDelivery {
  id: string;
  conversation_id: string;
  channel_id: string;
  channel_kind: 'wechat-oa' | 'wecom-kf';
  recipient: string;
  text: string | null;
  attempts: number;
}

@Injectable()
export class ConversationsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Inside the ingest transaction. `INSERT … ON CONFLICT DO UPDATE` locks the contact's row until commit, so
   * every ingest for one person runs after the previous one committed: the next statement sees their open
   * conversation, and two messages cannot both open one.
   */
  async upsertContact(
    tx: EntityManager,
    contact: { channelId: string; platformUserId: string; fallbackDisplayName: string },
  ): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      tx,
      `INSERT INTO contacts (channel_id, platform_user_id, display_name) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, platform_user_id) DO UPDATE SET platform_user_id = EXCLUDED.platform_user_id
       RETURNING id`,
      [contact.channelId, contact.platformUserId, contact.fallbackDisplayName],
    );
    return row!.id;
  }

  /**
   * One statement (one round trip on the callback path): find the contact's open conversation or open one
   * (when the message may), insert the message keyed on the platform's id, pull the contact's recent
   * unattached events into a conversation it opens, and move the conversation's timestamps. Null when the
   * platform id is already stored (a retry): the caller rolls back whatever this opened.
   */
  async insertInbound(tx: EntityManager, row: InboundRow): Promise<InsertedInbound | null> {
    const inserted = await sqlRow<{ message_id: string; conversation_id: string | null; opened: boolean }>(
      tx,
      `WITH open_conversation AS (
         SELECT id FROM conversations WHERE channel_id = $1 AND contact_id = $2 AND status <> 'closed'
       ),
       opened AS (
         INSERT INTO conversations (channel_id, contact_id, department_id, status, last_message_at,
                                    last_message_preview, last_customer_message_at)
         SELECT $1, $2, $3::uuid, 'waiting', $4::timestamptz, $12::text, CASE WHEN $6::boolean THEN $4::timestamptz END
         WHERE $5::boolean AND NOT EXISTS (SELECT 1 FROM open_conversation)
         ON CONFLICT (channel_id, contact_id) WHERE status <> 'closed' DO NOTHING
         RETURNING id
       ),
       target AS (SELECT id FROM open_conversation UNION ALL SELECT id FROM opened),
       message AS (
         INSERT INTO messages (conversation_id, contact_id, channel_id, direction, type, text, content, payload,
                               platform_message_id, delivery_state, created_at)
         VALUES ((SELECT id FROM target LIMIT 1), $2, $1, 'inbound', $7, $8, $9::jsonb, $10::jsonb, $11,
                 'received', $4::timestamptz)
         ON CONFLICT (channel_id, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING
         RETURNING id, conversation_id
       ),
       attached AS (
         UPDATE messages SET conversation_id = opened.id
         FROM opened
         WHERE messages.contact_id = $2 AND messages.conversation_id IS NULL
           AND messages.created_at >= $4::timestamptz - make_interval(secs => $13::int)
           AND EXISTS (SELECT 1 FROM message)
         RETURNING messages.id
       ),
       bumped AS (
         UPDATE conversations c
         SET last_message_at = greatest(c.last_message_at, $4::timestamptz), last_message_preview = $12::text,
             last_customer_message_at = CASE WHEN $6::boolean
               THEN greatest(coalesce(c.last_customer_message_at, $4::timestamptz), $4::timestamptz)
               ELSE c.last_customer_message_at END
         FROM message
         WHERE c.id = message.conversation_id AND c.id IN (SELECT id FROM open_conversation) AND $5::boolean
         RETURNING c.id
       )
       SELECT message.id AS message_id, message.conversation_id, EXISTS (SELECT 1 FROM opened) AS opened
       FROM message`,
      [
        row.channelId,
        row.contactId,
        row.departmentId,
        row.sentAt,
        row.opensConversation,
        row.customerWrote,
        row.type,
        row.text,
        JSON.stringify(row.content),
        JSON.stringify(row.payload),
        row.platformMessageId,
        row.preview,
        row.attachEventsWithinSeconds,
      ],
    );
    if (!inserted) return null;
    return {
      messageId: inserted.message_id,
      conversationId: inserted.conversation_id,
      conversationOpened: inserted.opened,
    };
  }

  /** The stored message a retried platform id refers to. */
  findByPlatformId(
    channelId: string,
    platformMessageId: string,
  ): Promise<{ id: string; conversation_id: string | null } | null> {
    return sqlRow(
      this.db.manager,
      `SELECT id, conversation_id FROM messages WHERE channel_id = $1 AND platform_message_id = $2`,
      [channelId, platformMessageId],
    );
  }

  async listConversations(
    scope: ChannelScope,
    filter: { statuses: ConversationStatus[]; channelId?: string },
    limit = 200,
  ): Promise<ConversationRow[]> {
    if (!scope.all && scope.channelIds.length === 0) return [];
    const params: unknown[] = [filter.statuses];
    let where = `c.status = ANY($1::text[])`;
    if (!scope.all) {
      params.push(scope.channelIds);
      where += ` AND c.channel_id = ANY($${params.length}::uuid[])`;
    }
    if (filter.channelId) {
      params.push(filter.channelId);
      where += ` AND c.channel_id = $${params.length}`;
    }
    params.push(limit);
    return sqlRows<ConversationRow>(
      this.db.manager,
      `${CONVERSATION_SELECT} WHERE ${where} ORDER BY c.last_message_at DESC LIMIT $${params.length}`,
      params,
    );
  }

  findConversation(id: string): Promise<ConversationRow | null> {
    return sqlRow<ConversationRow>(this.db.manager, `${CONVERSATION_SELECT} WHERE c.id = $1`, [id]);
  }

  /** The latest `limit` messages, oldest first. */
  async listMessages(conversationId: string, limit = 500): Promise<MessageRow[]> {
    const rows = await sqlRows<MessageRow>(
      this.db.manager,
      `${MESSAGE_SELECT} WHERE m.conversation_id = $1 ORDER BY m.seq DESC LIMIT $2`,
      [conversationId, limit],
    );
    return rows.reverse();
  }

  findMessage(id: string): Promise<MessageRow | null> {
    return sqlRow<MessageRow>(this.db.manager, `${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
  }

  /** Locks the conversation row so that concurrent sends count the budget one after another. */
  async lockForSend(tx: EntityManager, conversationId: string): Promise<SendContext | null> {
    const row = await sqlRow<{
      id: string;
      status: ConversationStatus;
      assignee_id: string | null;
      channel_id: string;
      channel_status: 'active' | 'inactive';
      channel_department_id: string | null;
      last_customer_message_at: Date | null;
    }>(
      tx,
      `SELECT c.id, c.status, c.assignee_id, c.channel_id, ch.status AS channel_status,
              ch.department_id AS channel_department_id, c.last_customer_message_at
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id
       WHERE c.id = $1 FOR UPDATE OF c`,
      [conversationId],
    );
    if (!row) return null;
    const counted = await sqlRow<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM messages
       WHERE conversation_id = $1 AND direction = 'outbound' AND delivery_state <> 'failed'
         AND created_at >= coalesce($2, '-infinity'::timestamptz)`,
      [conversationId, row.last_customer_message_at],
    );
    return {
      conversationId: row.id,
      conversationStatus: row.status,
      assigneeId: row.assignee_id,
      channelId: row.channel_id,
      channelStatus: row.channel_status,
      channelDepartmentId: row.channel_department_id,
      lastCustomerMessageAt: row.last_customer_message_at ? new Date(row.last_customer_message_at) : null,
      sentSinceCustomerMessage: counted?.n ?? 0,
    };
  }

  async insertOutbound(
    tx: EntityManager,
    message: { conversationId: string; channelId: string; agentId: string; text: string; preview: string },
  ): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      tx,
      `INSERT INTO messages (conversation_id, channel_id, direction, type, text, sender_agent_id, delivery_state)
       VALUES ($1, $2, 'outbound', 'text', $3, $4, 'queued') RETURNING id`,
      [message.conversationId, message.channelId, message.text, message.agentId],
    );
    await tx.query(
      `UPDATE conversations
       SET last_message_at = now(), last_message_preview = $2,
           assignee_id = coalesce(assignee_id, $3),
           status = CASE WHEN status = 'waiting' THEN 'active' ELSE status END
       WHERE id = $1`,
      [message.conversationId, message.preview, message.agentId],
    );
    return row!.id;
  }

  /**
   * Claims the oldest queued message of each conversation whose lease is free (FOR UPDATE SKIP LOCKED, so
   * several processes never take the same one; the head only, so a customer gets messages in order).
   */
  claimDeliveries(limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    return sqlRows<ClaimedDelivery>(
      this.db.manager,
      `WITH due AS (
         SELECT m.id FROM messages m
         WHERE m.direction = 'outbound' AND m.delivery_state = 'queued'
           AND (m.locked_until IS NULL OR m.locked_until < now())
           AND NOT EXISTS (SELECT 1 FROM messages o
                           WHERE o.conversation_id = m.conversation_id AND o.direction = 'outbound'
                             AND o.delivery_state = 'queued' AND o.seq < m.seq)
         ORDER BY m.seq LIMIT $1
         FOR UPDATE OF m SKIP LOCKED)
       UPDATE messages m SET locked_until = now() + make_interval(secs => $2), attempts = m.attempts + 1
       FROM due, conversations c, contacts ct, channels ch
       WHERE m.id = due.id AND c.id = m.conversation_id AND ct.id = c.contact_id AND ch.id = m.channel_id
       RETURNING m.id, m.conversation_id, m.channel_id, ch.kind AS channel_kind, ct.platform_user_id AS recipient,
                 m.text, m.attempts`,
      [limit, leaseSeconds],
    );
  }

  async markSent(id: string, platformMessageId: string | null): Promise<void> {
    await this.db.query(
      `UPDATE messages SET delivery_state = 'sent', sent_at = now(), locked_until = NULL, failure_reason = NULL,
              platform_message_id = coalesce($2, platform_message_id)
       WHERE id = $1`,
      [id, platformMessageId],
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE messages SET delivery_state = 'failed', failure_reason = $2, locked_until = NULL WHERE id = $1`,
      [id, reason],
    );
  }

  /** Leaves the message queued, to be claimed again after `delaySeconds`. */
  async retryLater(id: string, reason: string, delaySeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE messages SET failure_reason = $2, locked_until = now() + make_interval(secs => $3) WHERE id = $1`,
      [id, reason, delaySeconds],
    );
  }
}
