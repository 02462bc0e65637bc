import { Injectable } from '@nestjs/common';
import type { ChannelKind, ConversationStatus, PersonActivityKind } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';

export type PersonLink = 'unionid' | 'agent' | 'separate';

export interface ContactRow {
  id: string;
  channel_id: string;
  channel_name: string;
  channel_kind: ChannelKind;
  display_name: string;
  avatar_url: string | null;
  created_at: Date;
  person_id: string | null;
  person_link: PersonLink | null;
  union_id: string | null;
  blocked_at: Date | null;
  blocked_by_name: string | null;
}

export interface HeldMessageRow {
  id: string;
  contact_id: string;
  type: string;
  text: string | null;
  created_at: Date;
}

export interface PersonRow {
  id: string;
  display_name: string | null;
  notes: string;
}

export interface ContactConversationRow {
  id: string;
  contact_id: string;
  channel_id: string;
  channel_name: string;
  channel_kind: ChannelKind;
  status: ConversationStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: Date;
  last_message_at: Date;
  closed_at: Date | null;
  last_message_preview: string;
}

export interface ContactNoteRow {
  id: string;
  conversation_id: string;
  text: string | null;
  author_name: string | null;
  created_at: Date;
}

export interface PersonActivityRow {
  id: string;
  at: Date;
  kind: PersonActivityKind;
  actor_name: string | null;
  contact_id: string | null;
  contact_name: string | null;
  channel_id: string | null;
  channel_name: string | null;
  detail: Record<string, unknown>;
}

const CONTACT_SELECT = `
  SELECT ct.id, ct.channel_id, ch.name AS channel_name, ch.kind AS channel_kind, ct.display_name, ct.avatar_url,
         ct.created_at, ct.person_id, ct.person_link, ct.union_id, ct.blocked_at, bu.name AS blocked_by_name
  FROM contacts ct JOIN channels ch ON ch.id = ct.channel_id
  LEFT JOIN users bu ON bu.id = ct.blocked_by`;

/**
 * Who belongs to which person changes only under this lock: links, merges and splits are rare (an agent's
 * action, a daily profile refresh), and one lock for all of them cannot deadlock or let two merges cross.
 */
const MEMBERSHIP_LOCK = 7_410_305;

/** People and their contacts (BX3): the only place that reads or writes `people` and `person_activities`. */
@Injectable()
export class PeopleRepository {
  constructor(private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** A transaction holding the membership lock until it ends. */
  changeMembership<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [MEMBERSHIP_LOCK]);
      return work(tx);
    });
  }

  findContact(manager: EntityManager, id: string): Promise<ContactRow | null> {
    return sqlRow<ContactRow>(manager, `${CONTACT_SELECT} WHERE ct.id = $1`, [id]);
  }

  /** The person's contacts, the oldest first. */
  contactsOfPerson(manager: EntityManager, personId: string): Promise<ContactRow[]> {
    return sqlRows<ContactRow>(
      manager,
      `${CONTACT_SELECT} WHERE ct.person_id = $1 ORDER BY ct.created_at, ct.id`,
      [personId],
    );
  }

  /** Contacts the platform says are one human, the oldest first. */
  contactsWithUnionId(tx: EntityManager, unionId: string): Promise<ContactRow[]> {
    return sqlRows<ContactRow>(tx, `${CONTACT_SELECT} WHERE ct.union_id = $1 ORDER BY ct.created_at, ct.id`, [
      unionId,
    ]);
  }

  findPerson(manager: EntityManager, id: string): Promise<PersonRow | null> {
    return sqlRow<PersonRow>(manager, `SELECT id, display_name, notes FROM people WHERE id = $1`, [id]);
  }

  async insertPerson(tx: EntityManager): Promise<string> {
    const row = await sqlRow<{ id: string }>(tx, `INSERT INTO people DEFAULT VALUES RETURNING id`);
    return row!.id;
  }

  async assignContacts(
    tx: EntityManager,
    contactIds: string[],
    personId: string,
    link: PersonLink | null,
  ): Promise<void> {
    await tx.query(`UPDATE contacts SET person_id = $2, person_link = $3 WHERE id = ANY($1::uuid[])`, [
      contactIds,
      personId,
      link,
    ]);
  }

  /** The contact stands alone, and stays so: the UnionID will not link it again. */
  async separateContact(tx: EntityManager, contactId: string): Promise<void> {
    await tx.query(`UPDATE contacts SET person_id = NULL, person_link = 'separate' WHERE id = $1`, [
      contactId,
    ]);
  }

  /**
   * Everything of `fromId` goes to `intoId`: its contacts, its history, its notes (appended) and its name where
   * `intoId` has none. `fromId` is deleted.
   */
  async mergePersonInto(tx: EntityManager, fromId: string, intoId: string): Promise<void> {
    await tx.query(`UPDATE contacts SET person_id = $2 WHERE person_id = $1`, [fromId, intoId]);
    await tx.query(`UPDATE person_activities SET person_id = $2 WHERE person_id = $1`, [fromId, intoId]);
    await tx.query(
      `UPDATE people p SET display_name = coalesce(p.display_name, f.display_name),
              notes = left(CASE WHEN f.notes = '' THEN p.notes WHEN p.notes = '' THEN f.notes
                                ELSE p.notes || E'\\n\\n' || f.notes END, 4000),
              updated_at = now()
       FROM people f WHERE p.id = $2 AND f.id = $1`,
      [fromId, intoId],
    );
    await tx.query(`DELETE FROM people WHERE id = $1`, [fromId]);
  }

  async updatePerson(
    tx: EntityManager,
    id: string,
    patch: { displayName?: string | null; notes?: string },
  ): Promise<void> {
    await tx.query(
      `UPDATE people SET display_name = CASE WHEN $2 THEN $3 ELSE display_name END,
              notes = coalesce($4, notes), updated_at = now()
       WHERE id = $1`,
      [id, patch.displayName !== undefined, patch.displayName ?? null, patch.notes ?? null],
    );
  }

  async insertActivity(
    tx: EntityManager,
    activity: {
      personId: string;
      actorId: string | null;
      kind: PersonActivityKind;
      contactId: string | null;
      detail?: Record<string, unknown>;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO person_activities (person_id, actor_id, kind, contact_id, detail) VALUES ($1, $2, $3, $4, $5)`,
      [
        activity.personId,
        activity.actorId,
        activity.kind,
        activity.contactId,
        JSON.stringify(activity.detail ?? {}),
      ],
    );
  }

  conversationsOfContacts(contactIds: string[], limit: number): Promise<ContactConversationRow[]> {
    return sqlRows<ContactConversationRow>(
      this.db.manager,
      `SELECT c.id, c.contact_id, c.channel_id, ch.name AS channel_name, ch.kind AS channel_kind, c.status,
              c.assignee_id, u.name AS assignee_name, c.created_at, c.last_message_at, c.closed_at,
              c.last_message_preview
       FROM conversations c
       JOIN channels ch ON ch.id = c.channel_id
       LEFT JOIN users u ON u.id = c.assignee_id
       WHERE c.contact_id = ANY($1::uuid[])
       ORDER BY c.last_message_at DESC, c.id
       LIMIT $2`,
      [contactIds, limit],
    );
  }

  /** Private notes (messages with direction `note`) in the conversations, the latest first. */
  notesOfConversations(conversationIds: string[], limit: number): Promise<ContactNoteRow[]> {
    return sqlRows<ContactNoteRow>(
      this.db.manager,
      `SELECT m.id, m.conversation_id, m.text, u.name AS author_name, m.created_at
       FROM messages m LEFT JOIN users u ON u.id = m.sender_agent_id
       WHERE m.conversation_id = ANY($1::uuid[]) AND m.direction = 'note'
       ORDER BY m.created_at DESC, m.id
       LIMIT $2`,
      [conversationIds, limit],
    );
  }

  /** Messages kept against the contacts because they were blocked (CV4), the latest first. */
  heldMessagesOf(contactIds: string[], limit: number): Promise<HeldMessageRow[]> {
    return sqlRows<HeldMessageRow>(
      this.db.manager,
      `SELECT m.id, m.contact_id, m.type, m.text, m.created_at FROM messages m
       WHERE m.contact_id = ANY($1::uuid[]) AND m.held_by_block
       ORDER BY m.seq DESC LIMIT $2`,
      [contactIds, limit],
    );
  }

  /**
   * Blocks (`actorId`) or unblocks (null) the contact; false when it already was so. The ingest reads the flag
   * under the contact's row lock, so a message is either before the change or after it.
   */
  async setBlocked(contactId: string, block: { actorId: string } | null): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      block
        ? `UPDATE contacts SET blocked_at = now(), blocked_by = $2 WHERE id = $1 AND blocked_at IS NULL RETURNING id`
        : `UPDATE contacts SET blocked_at = NULL, blocked_by = NULL WHERE id = $1 AND blocked_at IS NOT NULL RETURNING id`,
      block ? [contactId, block.actorId] : [contactId],
    );
    return rows.length > 0;
  }

  activitiesOf(personId: string, limit: number): Promise<PersonActivityRow[]> {
    return sqlRows<PersonActivityRow>(
      this.db.manager,
      `SELECT a.id::text AS id, a.at, a.kind, u.name AS actor_name, a.contact_id, ct.display_name AS contact_name,
              ct.channel_id, ch.name AS channel_name, a.detail
       FROM person_activities a
       LEFT JOIN users u ON u.id = a.actor_id
       LEFT JOIN contacts ct ON ct.id = a.contact_id
       LEFT JOIN channels ch ON ch.id = ct.channel_id
       WHERE a.person_id = $1
       ORDER BY a.id DESC
       LIMIT $2`,
      [personId, limit],
    );
  }
}
