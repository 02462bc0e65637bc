import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';

export interface CannedReplyRow {
  id: string;
  department_id: string | null;
  department_name: string | null;
  owner_id: string | null;
  title: string;
  body: string;
  updated_at: Date;
}

const SELECT = `
  SELECT r.id, r.department_id, d.name AS department_name, r.owner_id, r.title, r.body, r.updated_at
  FROM canned_replies r LEFT JOIN departments d ON d.id = r.department_id`;

/** Canned replies (CV4); a unique title per department and per owner is the database's to enforce. */
@Injectable()
export class CannedRepliesRepository {
  constructor(private readonly db: DataSource) {}

  /** The owner's own and those of the departments (`all`: every department's), by title. */
  list(ownerId: string, departmentIds: string[] | 'all'): Promise<CannedReplyRow[]> {
    return sqlRows<CannedReplyRow>(
      this.db.manager,
      `${SELECT}
       WHERE r.owner_id = $1 OR ($2::boolean AND r.department_id IS NOT NULL) OR r.department_id = ANY($3::uuid[])
       ORDER BY r.owner_id IS NULL, lower(r.title), r.id`,
      [ownerId, departmentIds === 'all', departmentIds === 'all' ? [] : departmentIds],
    );
  }

  find(id: string): Promise<CannedReplyRow | null> {
    return sqlRow<CannedReplyRow>(this.db.manager, `${SELECT} WHERE r.id = $1`, [id]);
  }

  async insert(reply: {
    departmentId: string | null;
    ownerId: string | null;
    title: string;
    body: string;
    createdBy: string;
  }): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      this.db.manager,
      `INSERT INTO canned_replies (department_id, owner_id, title, body, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [reply.departmentId, reply.ownerId, reply.title, reply.body, reply.createdBy],
    );
    return row!.id;
  }

  async update(id: string, patch: { title?: string; body?: string }): Promise<void> {
    await this.db.query(
      `UPDATE canned_replies SET title = coalesce($2, title), body = coalesce($3, body), updated_at = now()
       WHERE id = $1`,
      [id, patch.title ?? null, patch.body ?? null],
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM canned_replies WHERE id = $1`, [id]);
  }

  /** The name agents call the contact: their own name for the person, else the platform's. */
  async contactName(contactId: string): Promise<string | null> {
    const row = await sqlRow<{ name: string }>(
      this.db.manager,
      `SELECT coalesce(p.display_name, ct.display_name) AS name
       FROM contacts ct LEFT JOIN people p ON p.id = ct.person_id WHERE ct.id = $1`,
      [contactId],
    );
    return row?.name ?? null;
  }
}
