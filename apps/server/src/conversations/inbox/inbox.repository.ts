import { Injectable } from '@nestjs/common';
import { CLOSED_COUNT_LIMIT, type InboxCounts, type InboxSort } from '#contracts';
import { DataSource } from 'typeorm';
import { sqlRow, sqlRows } from '../../database/sql.js';
import type { ChannelScope } from '../../identity/access-scope.service.js';
import type { ConversationRow } from '../conversation-views.js';
import { CONVERSATION_SELECT } from '../conversations.repository.js';
import type { InboxCursor, ViewRule } from './inbox-views.js';

/**
 * "Mine": the conversations assigned to me or that a colleague added me to (group handling, CV3). They are
 * mine to see whatever their channel, as the conversation's page allows, so this view needs no channel
 * scope; it holds an agent's open chats only, a few dozen at most, so sorting them costs nothing.
 */
const MINE = (me: string) =>
  // A set of ids first (assignee index + participants), so that an agent with no chats costs two index
  // probes, not a walk through every open conversation.
  `c.id IN (SELECT m.id FROM conversations m WHERE m.assignee_id = ${me} AND m.status <> 'closed'
            UNION SELECT p.conversation_id FROM conversation_participants p WHERE p.user_id = ${me})`;

/**
 * The sort keys, written exactly as the indexes of migration 1796084600002 are, or they are not used.
 * `waiting`: since the customer's last message (or the chat's opening), the longest first.
 */
const SORT_KEY: Record<InboxSort, string> = {
  waiting: `coalesce(c.last_customer_message_at, c.created_at)`,
  latest: `c.last_message_at`,
};
const ASCENDING: Record<InboxSort, boolean> = { waiting: true, latest: false };

const STATUS_CONDITION: Record<ViewRule['statuses'], string> = {
  open: `c.status <> 'closed'`,
  waiting: `c.status = 'waiting'`,
  missed: `c.status = 'missed'`,
  closed: `c.status = 'closed'`,
};

export interface InboxFilter {
  channelId?: string;
  departmentId?: string;
}

export type InboxRow = ConversationRow & { sort_key: string };

/** The scope and the filters, shared by the list and the counts so that the two always agree. */
function scoped(scope: ChannelScope | null, filter: InboxFilter, params: unknown[]): string[] {
  const add = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (scope && !scope.all) where.push(`c.channel_id = ANY(${add(scope.channelIds)}::uuid[])`);
  if (filter.channelId) where.push(`c.channel_id = ${add(filter.channelId)}::uuid`);
  if (filter.departmentId) where.push(`c.department_id = ${add(filter.departmentId)}::uuid`);
  return where;
}

/** One page of a view as SQL, exported so that a test can EXPLAIN exactly what runs. */
export function inboxPageQuery(
  userId: string,
  scope: ChannelScope,
  rule: ViewRule,
  filter: InboxFilter,
  sort: InboxSort,
  after: InboxCursor | null,
  limit: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (value: unknown) => `$${params.push(value)}`;
  const where = [STATUS_CONDITION[rule.statuses], ...scoped(rule.mine ? null : scope, filter, params)];
  if (rule.mine) where.push(MINE(`${add(userId)}::uuid`));
  const key = SORT_KEY[sort];
  const direction = ASCENDING[sort] ? 'ASC' : 'DESC';
  if (after) {
    where.push(
      `(${key}, c.id) ${ASCENDING[sort] ? '>' : '<'} (${add(after.key)}::timestamptz, ${add(after.id)}::uuid)`,
    );
  }
  const sql = `${CONVERSATION_SELECT.replace('SELECT ', `SELECT ${key}::text AS sort_key, `)}
     WHERE ${where.join('\n       AND ')}
     ORDER BY ${key} ${direction}, c.id ${direction}
     LIMIT ${add(limit)}`;
  return { sql, params };
}

/**
 * How many conversations each view holds, as SQL: one scan of the open ones, and the closed ones counted by
 * index only and no further than one past the limit (they only accumulate; the view pages through them).
 */
export function inboxCountsQuery(
  userId: string,
  scope: ChannelScope,
  filter: InboxFilter,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = scoped(scope, filter, params);
  const me = `$${params.push(userId)}::uuid`;
  const and = where.map((condition) => ` AND ${condition}`).join('');
  const filtersOnly = scoped(null, filter, params)
    .map((condition) => ` AND ${condition}`)
    .join('');
  const sql = `SELECT open.waiting, mine.mine, open.open, open.missed, closed.closed FROM
       (SELECT count(*)::int AS mine FROM conversations c
        WHERE c.status <> 'closed' AND ${MINE(me)}${filtersOnly}) mine,
       (SELECT count(*) FILTER (WHERE c.status = 'waiting')::int AS waiting,
               count(*)::int AS open,
               count(*) FILTER (WHERE c.status = 'missed')::int AS missed
        FROM conversations c WHERE c.status <> 'closed'${and}) open,
       (SELECT count(*)::int AS closed FROM (
          SELECT 1 FROM conversations c WHERE c.status = 'closed'${and} LIMIT ${CLOSED_COUNT_LIMIT + 1}) counted) closed`;
  return { sql, params };
}

/** The inbox's reads (RT3); the indexes that serve them are in migration 1796084600002. */
@Injectable()
export class InboxRepository {
  constructor(private readonly db: DataSource) {}

  page(...args: Parameters<typeof inboxPageQuery>): Promise<InboxRow[]> {
    const [, scope, rule] = args;
    if (!rule.mine && !scope.all && scope.channelIds.length === 0) return Promise.resolve([]);
    const { sql, params } = inboxPageQuery(...args);
    return sqlRows<InboxRow>(this.db.manager, sql, params);
  }

  async counts(userId: string, scope: ChannelScope, filter: InboxFilter): Promise<InboxCounts> {
    const none: InboxCounts = { waiting: 0, mine: 0, open: 0, missed: 0, closed: 0, closedCapped: false };
    const { sql, params } = inboxCountsQuery(userId, scope, filter);
    const row = await sqlRow<Omit<InboxCounts, 'closedCapped'>>(this.db.manager, sql, params);
    if (!row) return none;
    return {
      ...row,
      closed: Math.min(row.closed, CLOSED_COUNT_LIMIT),
      closedCapped: row.closed > CLOSED_COUNT_LIMIT,
    };
  }
}
