import { Injectable } from '@nestjs/common';
import type { ConversationStatus, DeliveryState } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { ChannelScope } from '../identity/access-scope.service.js';
import type { ConversationRow, MessageRow } from './conversation-views.js';
import type { PlatformLock, ReplyInputs } from './conversation-window.js';
import type { InboundMessage } from './inbound-message.js';

/**
 * Agent messages that count against the budget (OA6): queued, sent or possibly delivered, stored after the
 * customer's last message. Storage order (`seq`), not clocks: WeChat's CreateTime and ours may differ.
 * `$exclude` (or NULL) leaves one message out, e.g. the one an agent is retrying.
 */
const messagesUsed = (exclude: string) => `(
  SELECT count(*)::int FROM messages o
  WHERE o.conversation_id = c.id AND o.direction = 'outbound'
    AND o.delivery_state IN ('queued', 'sent', 'unconfirmed')
    AND o.seq > coalesce(c.window_opened_seq, 0)
    AND o.id IS DISTINCT FROM ${exclude})`;

const CONVERSATION_SELECT = `
  SELECT c.id, c.channel_id, ch.kind AS channel_kind, ch.name AS channel_name, c.department_id,
         c.contact_id, ct.display_name AS contact_display_name, ct.avatar_url AS contact_avatar_url,
         c.status, c.assignee_id, c.last_message_at, c.last_message_preview, c.last_customer_message_at, c.created_at,
         ch.status AS channel_status, ch.deleted_at AS channel_deleted_at, c.reply_lock,
         ${messagesUsed('NULL::uuid')} AS messages_used
  FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  JOIN contacts ct ON ct.id = c.contact_id`;

const MESSAGE_SELECT = `
  SELECT m.id, m.seq::text AS seq, m.conversation_id, m.channel_id, m.direction, m.type, m.text, m.sender_agent_id,
         u.name AS sender_name, m.delivery_state, m.failure_reason, m.attempts, m.retries, m.created_at
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
      contactId: string;
      conversationOpened: boolean;
    };

/** What the send policy needs to know about a conversation, read under a row lock. */
export interface SendContext {
  conversationId: string;
  assigneeId: string | null;
  channelId: string;
  channelDepartmentId: string | null;
  /** Everything the reply window needs except the channel's N. */
  reply: Omit<ReplyInputs, 'messagesAllowed'>;
}

/** An agent's message as the retry rule sees it. */
export interface OutboundForRetry {
  id: string;
  conversation_id: string;
  direction: 'inbound' | 'outbound';
  delivery_state: DeliveryState;
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
        const message = await sqlRow<{ id: string; seq: string }>(
          tx,
          `INSERT INTO messages (conversation_id, channel_id, direction, type, text, payload, platform_message_id,
                                 delivery_state, created_at)
           VALUES ($1, $2, 'inbound', $3, $4, $5, $6, 'received', $7)
           ON CONFLICT (channel_id, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING
           RETURNING id, seq::text AS seq`,
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
        // Only a customer's message opens the reply window and lifts a lock; an unfollow locks it (OA6).
        await tx.query(
          `UPDATE conversations
           SET last_message_at = greatest(last_message_at, $2), last_message_preview = $3,
               last_customer_message_at = CASE WHEN $4 = 'opens'
                 THEN greatest(coalesce(last_customer_message_at, $2), $2) ELSE last_customer_message_at END,
               window_opened_seq = CASE WHEN $4 = 'opens'
                 THEN greatest(coalesce(window_opened_seq, 0), $5::bigint) ELSE window_opened_seq END,
               reply_lock = CASE $4 WHEN 'opens' THEN NULL WHEN 'closes' THEN 'unfollowed' ELSE reply_lock END,
               reply_locked_at = CASE $4 WHEN 'opens' THEN NULL WHEN 'closes' THEN now() ELSE reply_locked_at END
           WHERE id = $1`,
          [conversationId, inbound.sentAt, preview, inbound.replyWindowEffect, message.seq],
        );
        return {
          duplicate: false,
          stored: true,
          messageId: message.id,
          conversationId,
          contactId: contact!.id,
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

  /** The latest `limit` messages with `fromSeq <= seq < toSeq` (null bounds are open), oldest first. */
  async listMessagesInRange(
    conversationId: string,
    range: { fromSeq: string | null; toSeq: string | null },
    limit = 500,
  ): Promise<MessageRow[]> {
    const rows = await sqlRows<MessageRow>(
      this.db.manager,
      `${MESSAGE_SELECT}
       WHERE m.conversation_id = $1 AND ($2::bigint IS NULL OR m.seq >= $2) AND ($3::bigint IS NULL OR m.seq < $3)
       ORDER BY m.seq DESC LIMIT $4`,
      [conversationId, range.fromSeq, range.toSeq, limit],
    );
    return rows.reverse();
  }

  async firstCustomerText(conversationId: string): Promise<string | null> {
    const row = await sqlRow<{ text: string }>(
      this.db.manager,
      `SELECT text FROM messages
       WHERE conversation_id = $1 AND direction = 'inbound' AND type = 'text' AND btrim(coalesce(text, '')) <> ''
       ORDER BY seq LIMIT 1`,
      [conversationId],
    );
    return row?.text ?? null;
  }

  async messageSeq(conversationId: string, messageId: string): Promise<string | null> {
    const row = await sqlRow<{ seq: string }>(
      this.db.manager,
      `SELECT seq::text AS seq FROM messages WHERE id = $1 AND conversation_id = $2`,
      [messageId, conversationId],
    );
    return row?.seq ?? null;
  }

  findMessage(id: string): Promise<MessageRow | null> {
    return sqlRow<MessageRow>(this.db.manager, `${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
  }

  /**
   * Locks the conversation row so that concurrent sends count the budget one after another. `excludeMessageId`
   * leaves a message out of the count (the one being retried).
   */
  async lockForSend(
    tx: EntityManager,
    conversationId: string,
    excludeMessageId: string | null = null,
  ): Promise<SendContext | null> {
    const row = await sqlRow<{
      id: string;
      status: ConversationStatus;
      assignee_id: string | null;
      channel_id: string;
      channel_status: 'active' | 'inactive';
      channel_deleted_at: Date | null;
      channel_department_id: string | null;
      last_customer_message_at: Date | null;
      reply_lock: PlatformLock | null;
      messages_used: number;
    }>(
      tx,
      `SELECT c.id, c.status, c.assignee_id, c.channel_id, ch.status AS channel_status,
              ch.deleted_at AS channel_deleted_at, ch.department_id AS channel_department_id,
              c.last_customer_message_at, c.reply_lock, ${messagesUsed('$2::uuid')} AS messages_used
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id
       WHERE c.id = $1 FOR UPDATE OF c`,
      [conversationId, excludeMessageId],
    );
    if (!row) return null;
    return {
      conversationId: row.id,
      assigneeId: row.assignee_id,
      channelId: row.channel_id,
      channelDepartmentId: row.channel_department_id,
      reply: {
        channelStatus: row.channel_status,
        channelDeleted: row.channel_deleted_at !== null,
        conversationStatus: row.status,
        lastCustomerMessageAt: row.last_customer_message_at ? new Date(row.last_customer_message_at) : null,
        messagesUsed: row.messages_used,
        platformLock: row.reply_lock,
      },
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

  /** The message under a row lock, for deciding whether an agent may retry it. */
  findOutboundForRetry(tx: EntityManager, messageId: string): Promise<OutboundForRetry | null> {
    return sqlRow<OutboundForRetry>(
      tx,
      `SELECT id, conversation_id, direction, delivery_state FROM messages WHERE id = $1 FOR UPDATE`,
      [messageId],
    );
  }

  /**
   * Queues a failed or unconfirmed message again, as the newest message: the customer will receive it after
   * everything already sent, so that is where it now stands (and it counts in the current window).
   */
  async requeueForRetry(tx: EntityManager, messageId: string, conversationId: string): Promise<void> {
    await tx.query(
      `UPDATE messages
       SET delivery_state = 'queued', seq = nextval(pg_get_serial_sequence('messages', 'seq')),
           created_at = now(), failure_reason = NULL, attempts = 0, retries = retries + 1,
           sending_since = NULL, locked_until = NULL
       WHERE id = $1`,
      [messageId],
    );
    await tx.query(`UPDATE conversations SET last_message_at = now() WHERE id = $1`, [conversationId]);
  }
}
