import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type SqlExecutor, sqlRow, sqlRows } from '../database/sql.js';

/**
 * Writes of the chat timers and the automation (issue 6), kept apart from the shared ingest and send queries.
 * A system message has no sender and moves neither status nor assignee: a reply the desk sends by itself
 * (leave a message, an idle chat's goodbye) does not mean an agent took the chat.
 */
@Injectable()
export class ConversationAutomationRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insertSystemOutbound(
    tx: EntityManager,
    message: { conversationId: string; channelId: string; text: string; preview: string; at: Date },
  ): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      tx,
      `INSERT INTO messages (conversation_id, channel_id, direction, type, text, sender_agent_id, delivery_state)
       VALUES ($1, $2, 'outbound', 'text', $3, NULL, 'queued') RETURNING id`,
      [message.conversationId, message.channelId, message.text],
    );
    await tx.query(
      `UPDATE conversations SET last_message_at = greatest(last_message_at, $2), last_message_preview = $3 WHERE id = $1`,
      [message.conversationId, message.at, message.preview],
    );
    return row!.id;
  }

  /** When a chat opens (in the ingest's transaction): its missed due time and a copy of its idle rule. */
  async setOpeningTimers(
    tx: SqlExecutor,
    conversationId: string,
    timers: { missedDueAt: Date; idleCloseAfterMinutes: number | null; idleWarnBeforeMinutes: number },
  ): Promise<void> {
    await sqlRows(
      tx,
      `UPDATE conversations SET missed_due_at = $2, idle_close_after_minutes = $3, idle_warn_before_minutes = $4
       WHERE id = $1`,
      [conversationId, timers.missedDueAt, timers.idleCloseAfterMinutes, timers.idleWarnBeforeMinutes],
    );
  }

  /** The customer was asked to leave a message (TK4): why, and nobody needs to be reminded it waits. */
  async markLeftMessage(
    tx: EntityManager,
    conversationId: string,
    reason: 'no-agent-online' | 'outside-business-hours' | 'queue-full',
  ): Promise<void> {
    await tx.query(`UPDATE conversations SET left_message_reason = $2, missed_due_at = NULL WHERE id = $1`, [
      conversationId,
      reason,
    ]);
  }
}
