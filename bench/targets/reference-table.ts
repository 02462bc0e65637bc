/** (b)'s table: one row per push, MsgId the primary key (a retried push changes nothing). */
export const REFERENCE_TABLE_SQL = `CREATE TABLE bench_inbound (
  msg_id bigint PRIMARY KEY,
  to_user text NOT NULL,
  from_user text NOT NULL,
  msg_type text NOT NULL,
  content text,
  sent_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
)`;
