import { Injectable } from '@nestjs/common';
import type { ChannelKind, ConversationStatus } from '#contracts';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import type { ChannelScope } from '../identity/access-scope.service.js';

/** What the index is asked and what every candidate must then contain (see search-terms.ts). */
export interface SearchMatch {
  tsquery: string;
  phrases: string[];
}

export interface MessageSearchFilter {
  channelId?: string;
  departmentId?: string;
  assigneeId?: string;
  /** null: any state; 'open': any but closed. */
  statuses: string[] | 'open' | null;
  from?: Date;
  to?: Date;
  /** Keyset: messages strictly older than this (created_at as PostgreSQL prints it, seq). */
  before?: { createdAt: string; seq: string };
  limit: number;
}

export interface MessageHitRow {
  id: string;
  created_at: Date;
  /** `created_at` as PostgreSQL prints it (microseconds and offset kept), for the cursor. */
  created_at_key: string;
  seq: string;
  direction: string;
  text: string;
  sender_name: string | null;
  conversation_id: string;
  status: ConversationStatus;
  channel_id: string;
  channel_name: string;
  channel_kind: ChannelKind;
  department_id: string | null;
  assignee_id: string | null;
  contact_id: string;
  contact_name: string;
  contact_avatar_url: string | null;
}

export interface ContactHitRow {
  id: string;
  person_id: string | null;
  display_name: string;
  avatar_url: string | null;
  channel_id: string;
  channel_name: string;
  channel_kind: ChannelKind;
}

export interface PersonChannelRow {
  person_id: string;
  channel_id: string;
  channel_name: string;
  channel_kind: ChannelKind;
}

/**
 * Both the index's lookup and the exact check, on a text column; `$1` is the tsquery, `$2` the phrases. The
 * expression must be written exactly as the index is (`desk_search_vector(<column>)`), or it is not used.
 */
const matches = (column: string) =>
  `desk_search_vector(${column}) @@ $1::tsquery
   AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS q(phrase)
                   WHERE position(q.phrase IN desk_search_text(${column})) = 0)`;

/** The message search as SQL, exported so that a test can EXPLAIN exactly what runs. */
export function messageSearchQuery(
  match: SearchMatch,
  scope: ChannelScope,
  filter: MessageSearchFilter,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [match.tsquery, match.phrases];
  const add = (value: unknown) => `$${params.push(value)}`;
  const where = [
    // The index's own predicate, so that the partial index applies.
    `m.type <> 'event' AND m.text IS NOT NULL`,
    matches('m.text'),
  ];
  if (!scope.all) where.push(`c.channel_id = ANY(${add(scope.channelIds)}::uuid[])`);
  if (filter.channelId) where.push(`c.channel_id = ${add(filter.channelId)}::uuid`);
  if (filter.departmentId) where.push(`c.department_id = ${add(filter.departmentId)}::uuid`);
  if (filter.assigneeId) where.push(`c.assignee_id = ${add(filter.assigneeId)}::uuid`);
  if (filter.statuses === 'open') where.push(`c.status <> 'closed'`);
  else if (filter.statuses) where.push(`c.status = ANY(${add(filter.statuses)}::text[])`);
  if (filter.from) where.push(`m.created_at >= ${add(filter.from)}::timestamptz`);
  if (filter.to) where.push(`m.created_at < ${add(filter.to)}::timestamptz`);
  if (filter.before) {
    where.push(
      `(m.created_at, m.seq) < (${add(filter.before.createdAt)}::timestamptz, ${add(filter.before.seq)}::bigint)`,
    );
  }
  const sql = `SELECT m.id, m.created_at, m.created_at::text AS created_at_key, m.seq::text AS seq, m.direction, m.text,
            u.name AS sender_name, c.id AS conversation_id, c.status, c.channel_id, ch.name AS channel_name,
            ch.kind AS channel_kind, c.department_id, c.assignee_id, c.contact_id,
            coalesce(p.display_name, ct.display_name) AS contact_name, ct.avatar_url AS contact_avatar_url
     FROM messages m
     JOIN conversations c ON c.id = m.conversation_id
     JOIN channels ch ON ch.id = c.channel_id
     JOIN contacts ct ON ct.id = c.contact_id
     LEFT JOIN people p ON p.id = ct.person_id
     LEFT JOIN users u ON u.id = m.sender_agent_id
     WHERE ${where.join('\n         AND ')}
     ORDER BY m.created_at DESC, m.seq DESC
     LIMIT ${add(filter.limit)}`;
  return { sql, params };
}

/** Search over the GIN indexes on `desk_search_vector(...)` (migration 1796084300001). */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest first, `limit` of them; scoped to the channels the user may see. */
  searchMessages(
    match: SearchMatch,
    scope: ChannelScope,
    filter: MessageSearchFilter,
  ): Promise<MessageHitRow[]> {
    if (!scope.all && scope.channelIds.length === 0) return Promise.resolve([]);
    const { sql, params } = messageSearchQuery(match, scope, filter);
    return sqlRows<MessageHitRow>(this.db.manager, sql, params);
  }

  /**
   * People whose contact name or agent-given name matches: one row per person (their most recent contact
   * the user may see), newest first.
   */
  searchContacts(
    match: SearchMatch,
    scope: ChannelScope,
    filter: { channelId?: string; departmentId?: string; limit: number },
  ): Promise<ContactHitRow[]> {
    if (!scope.all && scope.channelIds.length === 0) return Promise.resolve([]);
    const params: unknown[] = [match.tsquery, match.phrases];
    const add = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = ['TRUE'];
    if (!scope.all) where.push(`ct.channel_id = ANY(${add(scope.channelIds)}::uuid[])`);
    if (filter.channelId) where.push(`ct.channel_id = ${add(filter.channelId)}::uuid`);
    if (filter.departmentId) where.push(`ch.department_id = ${add(filter.departmentId)}::uuid`);
    return sqlRows<ContactHitRow>(
      this.db.manager,
      `WITH matched AS (
         SELECT ct.id FROM contacts ct WHERE ${matches('ct.display_name')}
         UNION
         SELECT ct.id FROM people p JOIN contacts ct ON ct.person_id = p.id
         WHERE p.display_name IS NOT NULL AND ${matches('p.display_name')}
       ),
       per_person AS (
         SELECT DISTINCT ON (coalesce(ct.person_id, ct.id))
                ct.id, ct.person_id, coalesce(p.display_name, ct.display_name) AS display_name, ct.avatar_url,
                ct.created_at, ct.channel_id, ch.name AS channel_name, ch.kind AS channel_kind
         FROM matched
         JOIN contacts ct ON ct.id = matched.id
         JOIN channels ch ON ch.id = ct.channel_id
         LEFT JOIN people p ON p.id = ct.person_id
         WHERE ${where.join(' AND ')}
         ORDER BY coalesce(ct.person_id, ct.id), ct.created_at DESC
       )
       SELECT id, person_id, display_name, avatar_url, channel_id, channel_name, channel_kind FROM per_person
       ORDER BY created_at DESC, id
       LIMIT ${add(filter.limit)}`,
      params,
    );
  }

  /** The channels of these people's contacts within the scope, to show next to each person found. */
  channelsOfPeople(personIds: string[], scope: ChannelScope): Promise<PersonChannelRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return sqlRows<PersonChannelRow>(
      this.db.manager,
      `SELECT DISTINCT ct.person_id, ct.channel_id, ch.name AS channel_name, ch.kind AS channel_kind
       FROM contacts ct JOIN channels ch ON ch.id = ct.channel_id
       WHERE ct.person_id = ANY($1::uuid[]) AND ($2::boolean OR ct.channel_id = ANY($3::uuid[]))
       ORDER BY ch.name`,
      [personIds, scope.all, scope.all ? [] : scope.channelIds],
    );
  }
}
