import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { logged, type LiveEvent, type LoggedEvent } from './live-events.js';

/** The PostgreSQL NOTIFY channel `realtime_append` signals on; the payload is `<origin>:<new last seq>`. */
export const EVENTS_APPENDED = 'realtime_events';

/** Reads a NOTIFY payload of `realtime_append`. */
export function appendedNotice(payload: string | undefined): { origin: string; upTo: number } | null {
  const match = /^(.*):(\d+)$/.exec(payload ?? '');
  return match ? { origin: match[1], upTo: Number(match[2]) } : null;
}

// Only this module claims it; any constant works as long as every process uses the same one.
const PRUNE_LOCK_ID = 7_410_302;

interface Row {
  seq: string | number;
  event: LoggedEvent['event'];
  payload: Record<string, unknown>;
  rooms: string[];
}

/** What a catch-up sees, all from one snapshot of the log. */
export interface LogWindow {
  /** Every event up to here was pruned. */
  prunedThrough: number;
  /** The last `seq` in the log (`prunedThrough` when it is empty). */
  head: number;
  /** Up to `limit` events after `since` addressed to one of the rooms, in order. */
  events: LoggedEvent[];
}

/** The live event log (migration RealtimeEventLog): append, tail, catch-up and pruning. */
@Injectable()
export class EventLogRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Appends a batch in one statement under the log's lock; returns the `seq` before it (the batch has the
   * numbers after it, in order). `origin` names the writing process in the NOTIFY, so it can ignore its own. Durable like every other commit here: a crash of PostgreSQL must not make
   * the log forget a `seq` that consoles have already applied.
   */
  async append(batch: LiveEvent[], origin: string): Promise<number> {
    const [row] = (await this.db.query(`SELECT realtime_append($1::json, $2)::text AS previous`, [
      JSON.stringify(batch),
      origin,
    ])) as Array<{ previous: string }>;
    return Number(row.previous);
  }

  async head(): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT coalesce((SELECT max(seq) FROM realtime_events),
                       (SELECT pruned_through FROM realtime_event_log))::text AS head`,
    )) as Array<{ head: string }>;
    return Number(row.head);
  }

  async readAfter(seq: number, limit: number): Promise<LoggedEvent[]> {
    const rows = (await this.db.query(
      // By the column, not by the text it is selected as.
      `SELECT e.seq::text AS seq, e.event, e.payload, e.rooms FROM realtime_events e
       WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      [seq, limit],
    )) as Row[];
    return rows.map(toLogged);
  }

  /** One statement, so `head` and the events agree: nothing up to `head` for these rooms is left out. */
  async window(since: number, roomNames: string[], limit: number): Promise<LogWindow> {
    const rows = (await this.db.query(
      `SELECT l.pruned_through::text AS pruned, h.head::text AS head,
              e.seq::text AS seq, e.event, e.payload, e.rooms
       FROM realtime_event_log l
       CROSS JOIN LATERAL (SELECT coalesce(max(seq), l.pruned_through) AS head FROM realtime_events) h
       LEFT JOIN LATERAL (
         SELECT seq, event, payload, rooms FROM realtime_events
         WHERE seq > $1 AND rooms && $2::text[] ORDER BY seq LIMIT $3
       ) e ON true
       ORDER BY e.seq`,
      [since, roomNames, limit],
    )) as Array<{ pruned: string; head: string } & { [K in keyof Row]: Row[K] | null }>;
    const [first] = rows;
    return {
      prunedThrough: Number(first.pruned),
      head: Number(first.head),
      events: rows.filter((r): r is typeof r & Row => r.seq !== null).map(toLogged),
    };
  }

  /**
   * Deletes up to `chunk` of the oldest events written more than `retentionMinutes` ago, always a prefix of
   * the log, and moves `pruned_through` with them; returns how many went. One process at a time prunes.
   */
  async prune(retentionMinutes: number, chunk: number): Promise<number> {
    return this.db.transaction(async (manager) => {
      const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS mine`, [
        PRUNE_LOCK_ID,
      ])) as Array<{ mine: boolean }>;
      if (!lock.mine) return 0;
      const [row] = (await manager.query(
        `WITH oldest AS (SELECT seq, at FROM realtime_events ORDER BY seq LIMIT $2),
         through AS (SELECT max(seq) AS seq FROM oldest WHERE at < now() - make_interval(mins => $1)),
         gone AS (DELETE FROM realtime_events e USING through WHERE e.seq <= through.seq RETURNING e.seq),
         moved AS (
           UPDATE realtime_event_log SET pruned_through = (SELECT max(seq) FROM gone)
           WHERE (SELECT max(seq) FROM gone) IS NOT NULL RETURNING 1)
         SELECT (SELECT count(*) FROM gone)::int AS deleted, (SELECT count(*) FROM moved)::int AS moved`,
        [retentionMinutes, chunk],
      )) as Array<{ deleted: number }>;
      return row.deleted;
    });
  }
}

function toLogged(row: Row): LoggedEvent {
  return logged({ event: row.event, payload: row.payload as never, rooms: row.rooms }, Number(row.seq));
}
