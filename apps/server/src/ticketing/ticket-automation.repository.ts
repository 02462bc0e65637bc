import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRow } from '../database/sql.js';

/** What the leave-a-message rule needs to know about the desk right now (TK4). */
@Injectable()
export class TicketAutomationRepository {
  constructor(private readonly db: DataSource) {}

  async deskNow(
    channelId: string,
    departmentId: string | null,
  ): Promise<{ agentsOnline: number; waiting: number }> {
    const row = await sqlRow<{ agents_online: number; waiting: number }>(
      this.db.manager,
      `SELECT (SELECT count(*)::int FROM channel_agents ca JOIN users u ON u.id = ca.user_id
               WHERE ca.channel_id = $1 AND u.active AND u.presence = 'online') AS agents_online,
              (SELECT count(*)::int FROM conversations
               WHERE status = 'waiting' AND department_id IS NOT DISTINCT FROM $2::uuid) AS waiting`,
      [channelId, departmentId],
    );
    return { agentsOnline: row?.agents_online ?? 0, waiting: row?.waiting ?? 0 };
  }
}
