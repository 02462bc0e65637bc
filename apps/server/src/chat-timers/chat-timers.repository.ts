import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';

export type TimerKind = 'missed' | 'missed-close' | 'idle-warning' | 'idle-close';

export interface DueConversation {
  id: string;
  channel_id: string;
  department_id: string | null;
  last_message_at: Date;
  idle_close_after_minutes: number | null;
  idle_warn_before_minutes: number;
}

/**
 * When each timer is due, as SQL on the conversation's own columns (see the PreferencesAndTimers migration).
 * `$1` is the sweeper's clock. Each condition is also what makes the timer fire once: the action changes
 * the row so that it no longer holds (missed → status, idle → closed, warning → idle_warned_for).
 */
const DUE: Record<TimerKind, string> = {
  // A due time older than the chat's latest entry into the queue belongs to an earlier wait (a transfer put it
  // back): ChatTimersRequeueListener sets the new one.
  missed: `c.status = 'waiting' AND c.missed_due_at <= $1
    AND (c.waiting_since IS NULL OR c.missed_due_at > c.waiting_since)`,
  'missed-close': `c.status = 'missed' AND c.missed_close_due_at <= $1`,
  'idle-warning': `c.status = 'active' AND c.idle_close_after_minutes IS NOT NULL AND c.idle_warn_before_minutes > 0
    AND c.idle_warned_for IS DISTINCT FROM c.last_message_at
    AND c.last_message_at + make_interval(mins => c.idle_close_after_minutes - c.idle_warn_before_minutes) <= $1
    AND c.last_message_at + make_interval(mins => c.idle_close_after_minutes) > $1`,
  'idle-close': `c.status = 'active' AND c.idle_close_after_minutes IS NOT NULL
    AND c.last_message_at + make_interval(mins => c.idle_close_after_minutes) <= $1`,
};

const COLUMNS = `c.id, c.channel_id, c.department_id, c.last_message_at, c.idle_close_after_minutes,
  c.idle_warn_before_minutes`;

@Injectable()
export class ChatTimersRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Candidates, without locks (another process may be firing some of them): `claim` decides. */
  async peekDue(kind: TimerKind, now: Date, limit: number): Promise<DueConversation[]> {
    return sqlRows(this.db.manager, `SELECT ${COLUMNS} FROM conversations c WHERE ${DUE[kind]} LIMIT $2`, [
      now,
      limit,
    ]);
  }

  /**
   * Inside the transaction that fires the timer: the row, locked, if it is still due and nobody else holds it.
   * `SKIP LOCKED`: a row another sweeper is firing is not waited for; when that one commits the condition no
   * longer holds, when it rolls back (a crash) the row is due again for the next sweep.
   */
  claim(
    tx: EntityManager,
    kind: TimerKind,
    conversationId: string,
    now: Date,
  ): Promise<DueConversation | null> {
    return sqlRow(
      tx,
      `SELECT ${COLUMNS} FROM conversations c WHERE c.id = $2 AND ${DUE[kind]} FOR UPDATE OF c SKIP LOCKED`,
      [now, conversationId],
    );
  }

  async setMissedCloseDue(tx: EntityManager, conversationId: string, at: Date | null): Promise<void> {
    await tx.query(`UPDATE conversations SET missed_close_due_at = $2 WHERE id = $1`, [conversationId, at]);
  }

  /** A chat back in a queue (a transfer): its new missed due time, if it is still waiting. */
  async setMissedDue(conversationId: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE conversations SET missed_due_at = $2, missed_close_due_at = NULL WHERE id = $1 AND status = 'waiting'`,
      [conversationId, at],
    );
  }

  async markIdleWarned(tx: EntityManager, conversationId: string, lastMessageAt: Date): Promise<void> {
    await tx.query(`UPDATE conversations SET idle_warned_for = $2 WHERE id = $1`, [
      conversationId,
      lastMessageAt,
    ]);
  }
}
