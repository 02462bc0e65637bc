import { Injectable } from '@nestjs/common';
import type { ChannelKind, ConversationStatus, DeliveryState } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows, type SqlExecutor } from '../database/sql.js';
import type { ChannelScope } from '../identity/access-scope.service.js';
import type { ConversationRow, MessageRow } from './conversation-views.js';
import type { PlatformLock, ReplyInputs } from './conversation-window.js';
import { MESSAGE_MEDIA_JSON } from '../media/media.repository.js';
import type { StoredContent } from './message-content.js';

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

export const CONVERSATION_SELECT = `
  SELECT c.id, c.channel_id, ch.kind AS channel_kind, ch.name AS channel_name, c.department_id,
         c.contact_id, ct.display_name AS contact_display_name, ct.avatar_url AS contact_avatar_url,
         c.status, c.assignee_id, c.last_message_at, c.last_message_preview, c.last_customer_message_at, c.created_at,
         ch.status AS channel_status, ch.deleted_at AS channel_deleted_at, c.reply_lock,
         ${messagesUsed('NULL::uuid')} AS messages_used
  FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  JOIN contacts ct ON ct.id = c.contact_id`;

// Agents' text rows carry no `content`: it follows from the type and the text.
const MESSAGE_SELECT = `
  SELECT m.id, m.seq::text AS seq, m.conversation_id, m.contact_id, m.channel_id, m.direction, m.type, m.text,
         coalesce(m.content, CASE WHEN m.type = 'text' THEN jsonb_build_object('type', 'text', 'text', coalesce(m.text, ''))
                                  ELSE jsonb_build_object('type', 'unsupported', 'platformType', m.type) END) AS content,
         ${MESSAGE_MEDIA_JSON} AS media,
         m.sender_agent_id, u.name AS sender_name, m.delivery_state, m.failure_reason, m.attempts, m.retries,
         m.created_at
  FROM messages m
  LEFT JOIN users u ON u.id = m.sender_agent_id`;

interface StaleClosedRow {
  id: string;
  status: ConversationStatus;
  assigneeId: string | null;
  departmentId: string | null;
  activityId: string;
}

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
  /** `opens`: a customer's message (48 hours, the budget reset, a lock lifted); `closes`: an unfollow. */
  replyWindowEffect: 'opens' | 'closes' | 'unchanged';
  /** Events kept against the contact this long before the message join the conversation it opens. */
  attachEventsWithinSeconds: number;
  /**
   * CV2: a customer's message this long after their last one closes the open conversation (with an activity
   * line saying `staleReason`) and opens a new one.
   */
  staleAfterSeconds: number;
  staleReason: string;
}

/** The open conversation a customer's message after 48 hours of silence closed (CV2). */
export interface StaleClosed {
  conversationId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  departmentId: string | null;
  activityId: string;
}

export interface InsertedInbound {
  messageId: string;
  conversationId: string | null;
  conversationOpened: boolean;
  staleClosed: StaleClosed | null;
  /** The contact is blocked: the message is kept against them, in no conversation (CV4). */
  heldByBlock: boolean;
}

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
    tx: SqlExecutor,
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
   *
   * CV2, in the same statement: when a customer's message finds the open conversation's last customer message
   * older than `staleAfterSeconds`, `stale` closes it (the `close` transition of conversation-state.ts, with its
   * activity line) and the message opens a new one. `opened` reads `stale` first (an InitPlan), so the old row
   * is closed before the new one is inserted and the one-open-per-contact index sees only the new one.
   */
  async insertInbound(tx: SqlExecutor, row: InboundRow): Promise<InsertedInbound | null> {
    const inserted = await sqlRow<{
      message_id: string;
      conversation_id: string | null;
      opened: boolean;
      stale: StaleClosedRow | null;
      held: boolean;
    }>(
      tx,
      `WITH held AS (
         -- A blocked contact's message is stored against the contact and raises no chat (CV4).
         SELECT EXISTS (SELECT 1 FROM contacts WHERE id = $2 AND blocked_at IS NOT NULL) AS held
       ),
       current_open AS (
         SELECT id, status, assignee_id, department_id,
                coalesce($6::text = 'opens' AND $5::boolean
                  AND last_customer_message_at < $4::timestamptz - make_interval(secs => $14::int), false) AS stale
         FROM conversations WHERE channel_id = $1 AND contact_id = $2 AND status <> 'closed'
           AND NOT (SELECT held FROM held)
       ),
       stale AS (
         UPDATE conversations c SET status = 'closed', closed_at = now()
         FROM current_open o WHERE c.id = o.id AND o.stale
         RETURNING c.id, o.status, o.assignee_id, o.department_id
       ),
       stale_activity AS (
         INSERT INTO conversation_activities (conversation_id, kind, from_status, to_status, assignee_before,
                                              assignee_after, department_before, department_after, reason)
         SELECT id, 'closed', status, 'closed', assignee_id, assignee_id, department_id, department_id, $15::text
         FROM stale
         RETURNING id::text AS id, conversation_id
       ),
       open_conversation AS (SELECT id FROM current_open WHERE NOT stale),
       opened AS (
         INSERT INTO conversations (channel_id, contact_id, department_id, status, last_message_at,
                                    last_message_preview, last_customer_message_at, waiting_since)
         SELECT $1, $2, $3::uuid, 'waiting', $4::timestamptz, $12::text,
                CASE WHEN $6::text = 'opens' THEN $4::timestamptz END, now()
         WHERE $5::boolean AND NOT EXISTS (SELECT 1 FROM open_conversation) AND NOT (SELECT held FROM held)
           AND (SELECT count(*) FROM stale) >= 0
         ON CONFLICT (channel_id, contact_id) WHERE status <> 'closed' DO NOTHING
         RETURNING id
       ),
       target AS (SELECT id FROM open_conversation UNION ALL SELECT id FROM opened),
       message AS (
         INSERT INTO messages (conversation_id, contact_id, channel_id, direction, type, text, content, payload,
                               platform_message_id, delivery_state, created_at, held_by_block)
         VALUES ((SELECT id FROM target LIMIT 1), $2, $1, 'inbound', $7, $8, $9::jsonb, $10::jsonb, $11,
                 'received', $4::timestamptz, (SELECT held FROM held))
         ON CONFLICT (channel_id, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING
         RETURNING id, conversation_id, seq
       ),
       attached AS (
         UPDATE messages SET conversation_id = opened.id
         FROM opened
         WHERE messages.contact_id = $2 AND messages.conversation_id IS NULL AND NOT messages.held_by_block
           AND messages.created_at >= $4::timestamptz - make_interval(secs => $13::int)
           AND EXISTS (SELECT 1 FROM message)
         RETURNING messages.id
       ),
       -- Only a customer's message opens the reply window and lifts a lock; an unfollow locks it (OA6).
       -- Events do not move the conversation in the inbox.
       bumped AS (
         UPDATE conversations c
         SET last_message_at = CASE WHEN $5::boolean
               THEN greatest(c.last_message_at, $4::timestamptz) ELSE c.last_message_at END,
             last_message_preview = CASE WHEN $5::boolean THEN $12::text ELSE c.last_message_preview END,
             last_customer_message_at = CASE WHEN $6::text = 'opens'
               THEN greatest(coalesce(c.last_customer_message_at, $4::timestamptz), $4::timestamptz)
               ELSE c.last_customer_message_at END,
             window_opened_seq = CASE WHEN $6::text = 'opens'
               THEN greatest(coalesce(c.window_opened_seq, 0), message.seq) ELSE c.window_opened_seq END,
             reply_lock = CASE $6::text WHEN 'opens' THEN NULL WHEN 'closes' THEN 'unfollowed' ELSE c.reply_lock END,
             reply_locked_at = CASE $6::text WHEN 'opens' THEN NULL WHEN 'closes' THEN now() ELSE c.reply_locked_at END
         FROM message
         WHERE c.id = message.conversation_id AND c.id IN (SELECT id FROM open_conversation)
           AND ($5::boolean OR $6::text <> 'unchanged')
         RETURNING c.id
       )
       SELECT message.id AS message_id, message.conversation_id, EXISTS (SELECT 1 FROM opened) AS opened,
              (SELECT jsonb_build_object('id', s.id, 'status', s.status, 'assigneeId', s.assignee_id,
                                         'departmentId', s.department_id, 'activityId', a.id)
               FROM stale s JOIN stale_activity a ON a.conversation_id = s.id) AS stale,
              (SELECT held FROM held) AS held
       FROM message`,
      [
        row.channelId,
        row.contactId,
        row.departmentId,
        row.sentAt,
        row.opensConversation,
        row.replyWindowEffect,
        row.type,
        row.text,
        JSON.stringify(row.content),
        JSON.stringify(row.payload),
        row.platformMessageId,
        row.preview,
        row.attachEventsWithinSeconds,
        row.staleAfterSeconds,
        row.staleReason,
      ],
    );
    if (!inserted) return null;
    const stale = inserted.stale;
    return {
      messageId: inserted.message_id,
      conversationId: inserted.conversation_id,
      conversationOpened: inserted.opened,
      staleClosed: stale
        ? {
            conversationId: stale.id,
            status: stale.status,
            assigneeId: stale.assigneeId,
            departmentId: stale.departmentId,
            activityId: stale.activityId,
          }
        : null,
      heldByBlock: inserted.held,
    };
  }

  /**
   * The group commit's dedupe check, after the batch's contacts are locked (so an ingest of the same
   * person elsewhere has committed): which of these platform ids are stored already, and as what.
   */
  findStoredPlatformIds(
    tx: SqlExecutor,
    keys: Array<{ channelId: string; platformMessageId: string }>,
  ): Promise<
    Array<{ id: string; conversation_id: string | null; channel_id: string; platform_message_id: string }>
  > {
    // Two ANY lists rather than a join to the pairs: the unique index is then the plan whatever the table's
    // statistics say (a fresh table's made a join pick a sequential scan). The caller matches the pairs.
    return sqlRows(
      tx,
      `SELECT m.id, m.conversation_id, m.channel_id, m.platform_message_id
       FROM messages m
       WHERE m.channel_id = ANY($1::uuid[]) AND m.platform_message_id = ANY($2::text[])`,
      [[...new Set(keys.map((k) => k.channelId))], keys.map((k) => k.platformMessageId)],
    );
  }

  /** Conversations as agents see them, read in the transaction that changed them (the batch's announcement). */
  findConversations(tx: SqlExecutor, ids: string[]): Promise<ConversationRow[]> {
    return sqlRows<ConversationRow>(tx, `${CONVERSATION_SELECT} WHERE c.id = ANY($1::uuid[])`, [ids]);
  }

  /** Messages as agents see them, read in the transaction that stored them (the batch's announcement). */
  findMessages(tx: SqlExecutor, ids: string[]): Promise<MessageRow[]> {
    return sqlRows<MessageRow>(tx, `${MESSAGE_SELECT} WHERE m.id = ANY($1::uuid[])`, [ids]);
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

  /**
   * The newest `limit` conversations in these statuses (and channels). Each (status, channel) is read newest
   * first from its index (`conversations_inbox_idx`, `conversations_channel_inbox_idx`), `limit` rows at
   * most, and the pieces merged: an ordered read of a few hundred rows at 100 000 conversations, where one
   * scan of `status = ANY(…)` sorted every open conversation (EXPLAIN in docs/performance.md).
   */
  async listConversations(
    scope: ChannelScope,
    filter: { statuses: ConversationStatus[]; channelId?: string },
    limit = 200,
  ): Promise<ConversationRow[]> {
    if (!scope.all && scope.channelIds.length === 0) return [];
    const channelIds = filter.channelId
      ? scope.all || scope.channelIds.includes(filter.channelId)
        ? [filter.channelId]
        : []
      : scope.all
        ? null
        : scope.channelIds;
    if (channelIds && channelIds.length === 0) return [];
    const newest = channelIds
      ? `SELECT n.id FROM unnest($1::text[]) AS s(status) CROSS JOIN unnest($3::uuid[]) AS ch(id)
         CROSS JOIN LATERAL (
           SELECT c.id, c.last_message_at FROM conversations c
           WHERE c.status = s.status AND c.channel_id = ch.id ORDER BY c.last_message_at DESC LIMIT $2) n`
      : `SELECT n.id FROM unnest($1::text[]) AS s(status)
         CROSS JOIN LATERAL (
           SELECT c.id, c.last_message_at FROM conversations c
           WHERE c.status = s.status ORDER BY c.last_message_at DESC LIMIT $2) n`;
    return sqlRows<ConversationRow>(
      this.db.manager,
      `${CONVERSATION_SELECT}
       WHERE c.id IN (SELECT id FROM (${newest} ORDER BY n.last_message_at DESC LIMIT $2) newest)
       ORDER BY c.last_message_at DESC`,
      channelIds ? [filter.statuses, limit, channelIds] : [filter.statuses, limit],
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

  /** An agent's message, queued. Text rows keep their words in `text` and no `content` (see MESSAGE_SELECT). */
  async insertOutbound(
    tx: EntityManager,
    message: {
      conversationId: string;
      channelId: string;
      agentId: string;
      type: string;
      text: string | null;
      content: StoredContent | null;
      preview: string;
      /** The app's clock (the idle timer counts from last_message_at: one clock for every writer of it). */
      at: Date;
    },
  ): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      tx,
      `INSERT INTO messages (conversation_id, channel_id, direction, type, text, content, sender_agent_id, delivery_state)
       VALUES ($1, $2, 'outbound', $3, $4, $5::jsonb, $6, 'queued') RETURNING id`,
      [
        message.conversationId,
        message.channelId,
        message.type,
        message.text,
        message.content === null ? null : JSON.stringify(message.content),
        message.agentId,
      ],
    );
    await tx.query(
      `UPDATE conversations
       SET last_message_at = greatest(last_message_at, $4), last_message_preview = $2,
           assignee_id = coalesce(assignee_id, $3),
           status = CASE WHEN status = 'waiting' THEN 'active' ELSE status END
       WHERE id = $1`,
      [message.conversationId, message.preview, message.agentId, message.at],
    );
    return row!.id;
  }

  async channelKind(channelId: string): Promise<{ kind: ChannelKind } | null> {
    return sqlRow(this.db.manager, `SELECT kind FROM channels WHERE id = $1`, [channelId]);
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
  async requeueForRetry(
    tx: EntityManager,
    messageId: string,
    conversationId: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE messages
       SET delivery_state = 'queued', seq = nextval(pg_get_serial_sequence('messages', 'seq')),
           created_at = now(), failure_reason = NULL, attempts = 0, retries = retries + 1,
           sending_since = NULL, locked_until = NULL
       WHERE id = $1`,
      [messageId],
    );
    await tx.query(`UPDATE conversations SET last_message_at = greatest(last_message_at, $2) WHERE id = $1`, [
      conversationId,
      at,
    ]);
  }

  /**
   * An agent's private note (CV4): a `note` row in the thread's storage order, `received` (nothing to deliver).
   * It moves nothing on the conversation: no status, assignee, preview, inbox order or reply window.
   */
  async insertNote(note: {
    conversationId: string;
    channelId: string;
    agentId: string;
    text: string;
  }): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      this.db.manager,
      `INSERT INTO messages (conversation_id, channel_id, direction, type, text, sender_agent_id, delivery_state)
       VALUES ($1, $2, 'note', 'text', $3, $4, 'received') RETURNING id`,
      [note.conversationId, note.channelId, note.text, note.agentId],
    );
    return row!.id;
  }
}
