import { Injectable } from '@nestjs/common';
import type { ConversationStatus } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { ChannelScope } from '../identity/access-scope.service.js';
import type { ConversationRow, MessageRow } from './conversation-views.js';
import type { InboundMessage } from './inbound-message.js';

const CONVERSATION_SELECT = `
  SELECT c.id, c.channel_id, ch.kind AS channel_kind, ch.name AS channel_name, ch.status AS channel_status,
         ch.deleted_at IS NOT NULL AS channel_deleted, c.department_id,
         c.contact_id, ct.display_name AS contact_display_name, ct.avatar_url AS contact_avatar_url,
         c.status, c.assignee_id, c.last_message_at, c.last_message_preview, c.last_customer_message_at, c.created_at
  FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  JOIN contacts ct ON ct.id = c.contact_id`;

const MESSAGE_SELECT = `
  SELECT m.id, m.seq::text AS seq, m.conversation_id, m.channel_id, m.direction, m.type, m.text, m.sender_agent_id,
         u.name AS sender_name, m.delivery_state, m.failure_reason, m.created_at
  FROM messages m
  LEFT JOIN users u ON u.id = m.sender_agent_id`;

export type IngestResult =
  | { duplicate: true }
  /** An event that opens no conversation arrived while none was open: nothing to add it to. */
  | { duplicate: false; stored: false }
  | {
      duplicate: false;
      stored: true;
      messageId: string;
      conversationId: string;
      conversationOpened: boolean;
    };

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

class DuplicateMessage extends Error {}
class NoOpenConversation extends Error {}

@Injectable()
export class ConversationsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * One transaction: contact upsert, conversation find-or-open, message insert keyed on the platform's id.
   * A retried callback hits the unique key and changes nothing (OA4).
   */
  async ingest(inbound: InboundMessage, departmentId: string | null, preview: string): Promise<IngestResult> {
    const seen = await sqlRow(
      this.db.manager,
      `SELECT 1 FROM messages WHERE channel_id = $1 AND platform_message_id = $2`,
      [inbound.channelId, inbound.platformMessageId],
    );
    if (seen) return { duplicate: true };
    try {
      return await this.db.transaction(async (tx) => {
        const contact = await sqlRow<{ id: string }>(
          tx,
          `INSERT INTO contacts (channel_id, platform_user_id, display_name) VALUES ($1, $2, $3)
           ON CONFLICT (channel_id, platform_user_id) DO UPDATE SET platform_user_id = EXCLUDED.platform_user_id
           RETURNING id`,
          [inbound.channelId, inbound.sender.platformUserId, inbound.sender.fallbackDisplayName],
        );
        const opened = !inbound.opensConversation
          ? null
          : await sqlRow<{ id: string }>(
              tx,
              `INSERT INTO conversations (channel_id, contact_id, department_id, status, last_message_at)
           VALUES ($1, $2, $3, 'waiting', $4)
           ON CONFLICT (channel_id, contact_id) WHERE status <> 'closed' DO NOTHING
           RETURNING id`,
              [inbound.channelId, contact!.id, departmentId, inbound.sentAt],
            );
        const conversationId =
          opened?.id ??
          (
            await sqlRow<{ id: string }>(
              tx,
              `SELECT id FROM conversations WHERE channel_id = $1 AND contact_id = $2 AND status <> 'closed' FOR UPDATE`,
              [inbound.channelId, contact!.id],
            )
          )?.id;
        if (!conversationId) throw new NoOpenConversation();
        const message = await sqlRow<{ id: string }>(
          tx,
          `INSERT INTO messages (conversation_id, channel_id, direction, type, text, payload, platform_message_id,
                                 delivery_state, created_at)
           VALUES ($1, $2, 'inbound', $3, $4, $5, $6, 'received', $7)
           ON CONFLICT (channel_id, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING
           RETURNING id`,
          [
            conversationId,
            inbound.channelId,
            inbound.type,
            inbound.text,
            JSON.stringify(inbound.payload),
            inbound.platformMessageId,
            inbound.sentAt,
          ],
        );
        // A concurrent retry won the race: roll back whatever this attempt opened.
        if (!message) throw new DuplicateMessage();
        await tx.query(
          `UPDATE conversations
           SET last_message_at = greatest(last_message_at, $2), last_message_preview = $3,
               last_customer_message_at = greatest(coalesce(last_customer_message_at, $2), $2)
           WHERE id = $1`,
          [conversationId, inbound.sentAt, preview],
        );
        return {
          duplicate: false,
          stored: true,
          messageId: message.id,
          conversationId,
          conversationOpened: Boolean(opened),
        };
      });
    } catch (error) {
      if (error instanceof DuplicateMessage) return { duplicate: true };
      if (error instanceof NoOpenConversation) return { duplicate: false, stored: false };
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505')
        return { duplicate: true };
      throw error;
    }
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
