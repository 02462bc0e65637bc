import { Injectable } from '@nestjs/common';
import type { ChannelKind } from '#contracts';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { PlatformLock } from './conversation-window.js';
import type { StoredContent } from './message-content.js';

/** A queued agent message claimed for one delivery attempt. */
export interface ClaimedDelivery {
  id: string;
  seq: string;
  conversation_id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  channel_status: 'active' | 'inactive';
  channel_deleted_at: Date | null;
  reply_lock: PlatformLock | null;
  recipient: string;
  type: string;
  text: string | null;
  /** Null for text (its words are in `text`); a file's reference otherwise. */
  content: StoredContent | null;
  /** This attempt's number (1 for the first); every later write is fenced on it. */
  attempts: number;
}

export interface InterruptedDelivery {
  id: string;
  conversation_id: string;
  channel_id: string;
}

/**
 * The outbound queue: messages are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so several server
 * processes never take the same one, and each write after the attempt is fenced on the attempt number, so a
 * process that lost its lease cannot overwrite what another decided.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims the oldest queued message of each conversation whose lease is free (the head only, so a customer
   * gets messages in order) and marks the attempt as started.
   */
  claim(limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    return sqlRows<ClaimedDelivery>(
      this.db.manager,
      `WITH due AS (
         SELECT m.id FROM messages m
         WHERE m.direction = 'outbound' AND m.delivery_state = 'queued' AND m.sending_since IS NULL
           AND (m.locked_until IS NULL OR m.locked_until < now())
           AND NOT EXISTS (SELECT 1 FROM messages o
                           WHERE o.conversation_id = m.conversation_id AND o.direction = 'outbound'
                             AND o.delivery_state = 'queued' AND o.seq < m.seq)
         ORDER BY m.seq LIMIT $1
         FOR UPDATE OF m SKIP LOCKED)
       UPDATE messages m
       SET locked_until = now() + make_interval(secs => $2), sending_since = now(), attempts = m.attempts + 1
       FROM due, conversations c, contacts ct, channels ch
       WHERE m.id = due.id AND c.id = m.conversation_id AND ct.id = c.contact_id AND ch.id = m.channel_id
       RETURNING m.id, m.seq::text AS seq, m.conversation_id, m.channel_id, ch.kind AS channel_kind,
                 ch.status AS channel_status, ch.deleted_at AS channel_deleted_at, c.reply_lock,
                 ct.platform_user_id AS recipient, m.type, m.text, m.content, m.attempts`,
      [limit, leaseSeconds],
    );
  }

  /**
   * Attempts whose lease ran out while they were under way: the process died mid-send (kill -9, crash). The
   * platform may have the message, and its API cannot be asked, so it becomes `unconfirmed`, not resent.
   */
  markInterrupted(reason: string): Promise<InterruptedDelivery[]> {
    return sqlRows<InterruptedDelivery>(
      this.db.manager,
      `UPDATE messages
       SET delivery_state = 'unconfirmed', failure_reason = $1, sending_since = NULL, locked_until = NULL
       WHERE direction = 'outbound' AND delivery_state = 'queued'
         AND sending_since IS NOT NULL AND locked_until < now()
       RETURNING id, conversation_id, channel_id`,
      [reason],
    );
  }

  /** Sent wins over anything another process decided meanwhile: the platform took the message. */
  async markSent(id: string, platformMessageId: string | null): Promise<void> {
    await this.db.query(
      `UPDATE messages SET delivery_state = 'sent', sent_at = now(), locked_until = NULL, sending_since = NULL,
              failure_reason = NULL, platform_message_id = coalesce($2, platform_message_id)
       WHERE id = $1 AND delivery_state IN ('queued', 'unconfirmed')`,
      [id, platformMessageId],
    );
  }

  async markFailed(delivery: ClaimedDelivery, reason: string): Promise<void> {
    await this.finish(delivery, 'failed', reason);
  }

  async markUnconfirmed(delivery: ClaimedDelivery, reason: string): Promise<void> {
    await this.finish(delivery, 'unconfirmed', reason);
  }

  /** Leaves the message queued, to be claimed again after `delaySeconds`; the reason shows meanwhile. */
  async retryLater(delivery: ClaimedDelivery, reason: string, delaySeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE messages SET failure_reason = $3, sending_since = NULL,
              locked_until = now() + make_interval(secs => $4)
       WHERE id = $1 AND attempts = $2 AND delivery_state = 'queued'`,
      [delivery.id, delivery.attempts, reason, delaySeconds],
    );
  }

  /**
   * The platform refused because of the conversation's state: the message fails and the conversation is
   * locked until the customer writes again — unless the customer has written since this message was queued.
   */
  async failAndLock(delivery: ClaimedDelivery, reason: string, lock: PlatformLock): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE messages SET delivery_state = 'failed', failure_reason = $3, sending_since = NULL, locked_until = NULL
         WHERE id = $1 AND attempts = $2 AND delivery_state = 'queued'`,
        [delivery.id, delivery.attempts, reason],
      );
      await tx.query(
        `UPDATE conversations SET reply_lock = $2, reply_locked_at = now()
         WHERE id = $1 AND coalesce(window_opened_seq, 0) < $3::bigint`,
        [delivery.conversation_id, lock, delivery.seq],
      );
    });
  }

  private async finish(delivery: ClaimedDelivery, state: 'failed' | 'unconfirmed', reason: string) {
    await this.db.query(
      `UPDATE messages SET delivery_state = $3, failure_reason = $4, sending_since = NULL, locked_until = NULL
       WHERE id = $1 AND attempts = $2 AND delivery_state = 'queued'`,
      [delivery.id, delivery.attempts, state, reason],
    );
  }
}
