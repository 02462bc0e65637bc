import { Injectable } from '@nestjs/common';
import type { CallbackResult, CallbackVerdict, ChannelKind } from '#contracts';
import { DataSource } from 'typeorm';
import { sqlRow, sqlRows, type SqlExecutor } from '../../database/sql.js';

/** One row of the flight recorder as written. */
export interface CallbackLogEntry {
  channelId: string;
  messageType: string | null;
  eventType: string | null;
  verdict: CallbackVerdict | null;
  result: CallbackResult;
  reason: string | null;
  platformMessageId: string | null;
  messageId: string | null;
  encrypted: boolean;
  bodyBytes: number;
  payload: Record<string, unknown> | null;
  bodyPrefix: string | null;
  reingestOf: string | null;
}

export interface CallbackLogRow {
  id: string;
  received_at: Date;
  channel_id: string;
  channel_kind: ChannelKind;
  channel_name: string;
  message_type: string | null;
  event_type: string | null;
  verdict: CallbackVerdict | null;
  result: CallbackResult;
  reason: string | null;
  platform_message_id: string | null;
  message_id: string | null;
  conversation_id: string | null;
  encrypted: boolean;
  body_bytes: number;
  payload: Record<string, unknown> | null;
  body_prefix: string | null;
  reingest_of: string | null;
}

export interface CallbackLogFilter {
  channelIds?: string[];
  result?: CallbackResult;
  verdict?: CallbackVerdict;
  messageType?: string;
  from?: Date;
  to?: Date;
  beforeId?: string;
  limit: number;
}

const SELECT = `
  SELECT l.id::text AS id, l.received_at, l.channel_id, ch.kind AS channel_kind, ch.name AS channel_name,
         l.message_type, l.event_type, l.verdict, l.result, l.reason, l.platform_message_id, l.message_id,
         m.conversation_id, l.encrypted, l.body_bytes, l.payload, l.body_prefix, l.reingest_of::text AS reingest_of
  FROM callback_log l
  JOIN channels ch ON ch.id = l.channel_id
  LEFT JOIN messages m ON m.id = l.message_id`;

@Injectable()
export class CallbackLogRepository {
  constructor(private readonly db: DataSource) {}

  /** In the ingest transaction when there is one (`tx`), so the entry commits or rolls back with the message. */
  async insert(entry: CallbackLogEntry, tx?: SqlExecutor | null): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      tx ?? this.db.manager,
      `INSERT INTO callback_log (channel_id, message_type, event_type, verdict, result, reason, platform_message_id,
                                 message_id, encrypted, body_bytes, payload, body_prefix, reingest_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13::bigint)
       RETURNING id::text AS id`,
      [
        entry.channelId,
        entry.messageType,
        entry.eventType,
        entry.verdict,
        entry.result,
        entry.reason,
        entry.platformMessageId,
        entry.messageId,
        entry.encrypted,
        entry.bodyBytes,
        entry.payload === null ? null : JSON.stringify(entry.payload),
        entry.bodyPrefix,
        entry.reingestOf,
      ],
    );
    return row!.id;
  }

  find(id: string): Promise<CallbackLogRow | null> {
    return sqlRow<CallbackLogRow>(this.db.manager, `${SELECT} WHERE l.id = $1::bigint`, [id]);
  }

  list(filter: CallbackLogFilter): Promise<CallbackLogRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.channelIds) add((p) => `l.channel_id = ANY(${p}::uuid[])`, filter.channelIds);
    if (filter.result) add((p) => `l.result = ${p}`, filter.result);
    if (filter.verdict) add((p) => `l.verdict = ${p}`, filter.verdict);
    if (filter.messageType) add((p) => `l.message_type = ${p}`, filter.messageType);
    if (filter.from) add((p) => `l.received_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `l.received_at <= ${p}`, filter.to);
    if (filter.beforeId) add((p) => `l.id < ${p}::bigint`, filter.beforeId);
    params.push(filter.limit);
    return sqlRows<CallbackLogRow>(
      this.db.manager,
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Deletes entries older than the retention, a batch at a time (short transactions); returns how many went. */
  async purgeOlderThan(days: number, batch = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await sqlRows<{ id: string }>(
        this.db.manager,
        `DELETE FROM callback_log WHERE id IN (
           SELECT id FROM callback_log WHERE received_at < now() - make_interval(days => $1) LIMIT $2)
         RETURNING id`,
        [days, batch],
      );
      total += rows.length;
      if (rows.length < batch) return total;
    }
  }
}
