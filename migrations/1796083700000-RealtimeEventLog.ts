import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live event log (RT2): every event pushed to agents' sockets, with one `seq` for the installation in
 * commit order, kept for a while so that a console that was disconnected can ask for what it missed.
 *
 * `realtime_append` is the only writer. It takes one transaction-scoped advisory lock, so appends commit one
 * after the other: the next append can only read `max(seq)` once the previous one is committed and visible.
 * Hence a reader that sees `seq` n sees every row below n (no gap that fills later), which is what lets each
 * server process tail the log in order and a console continue from the last `seq` it applied. A batch is one
 * statement, one round trip and one WAL flush, however many events it carries. The NOTIFY (delivered at
 * commit, `<origin>:<last seq>`) tells the other server processes to read on; the writing process (`origin`)
 * hands its own events over itself.
 *
 * `realtime_event_log.pruned_through`: every row up to it was pruned (the log is always the rows after it).
 */
export class RealtimeEventLog1796083700000 implements MigrationInterface {
  name = 'RealtimeEventLog1796083700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE realtime_events (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      event text NOT NULL,
      payload json NOT NULL,
      rooms text[] NOT NULL)`);
    await db.query(`CREATE TABLE realtime_event_log (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      pruned_through bigint NOT NULL DEFAULT 0)`);
    await db.query(`INSERT INTO realtime_event_log DEFAULT VALUES`);
    await db.query(`CREATE FUNCTION realtime_append(batch json, origin text) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        previous bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(7410301);
        SELECT coalesce((SELECT max(e.seq) FROM realtime_events e), (SELECT l.pruned_through FROM realtime_event_log l))
          INTO previous;
        INSERT INTO realtime_events (seq, event, payload, rooms)
          SELECT previous + item.n, item.value->>'event', item.value->'payload',
                 ARRAY(SELECT json_array_elements_text(item.value->'rooms'))
          FROM json_array_elements(batch) WITH ORDINALITY AS item(value, n);
        PERFORM pg_notify('realtime_events', origin || ':' || (previous + json_array_length(batch)));
        RETURN previous;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION realtime_append(json, text)`);
    await db.query(`DROP TABLE realtime_event_log`);
    await db.query(`DROP TABLE realtime_events`);
  }
}
