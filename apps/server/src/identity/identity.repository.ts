import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ChannelAgentEntity } from './entities/channel-agent.entity.js';
import { DepartmentEntity } from './entities/department.entity.js';
import { LoginFailureEntity } from './entities/login-failure.entity.js';
import { SessionEntity } from './entities/session.entity.js';
import { UserDepartmentEntity } from './entities/user-department.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { UserInvitationEntity } from './entities/user-invitation.entity.js';
import type { Presence } from '#contracts';
import { sqlRows } from '../database/sql.js';

export interface LiveInvitation {
  invitationId: string;
  expiresAt: Date;
  user: UserEntity;
}

export interface UserWithDepartments {
  user: UserEntity;
  departmentIds: string[];
}

@Injectable()
export class IdentityRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  findUserById(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  async countAdmins(): Promise<number> {
    return this.db.getRepository(UserEntity).countBy({ role: 'admin' });
  }

  async insertUser(
    manager: EntityManager,
    user: Pick<UserEntity, 'email' | 'name' | 'passwordHash' | 'role'> &
      Partial<Pick<UserEntity, 'maxConcurrentChats'>>,
    departmentIds: string[],
  ): Promise<UserEntity> {
    const inserted = await manager.getRepository(UserEntity).insert({ ...user, active: true });
    const id = (inserted.identifiers[0] as { id: string }).id;
    await this.replaceUserDepartments(manager, id, departmentIds);
    return manager.getRepository(UserEntity).findOneByOrFail({ id });
  }

  async updateUser(
    manager: EntityManager,
    id: string,
    patch: Partial<Pick<UserEntity, 'name' | 'role' | 'maxConcurrentChats' | 'active'>>,
  ): Promise<void> {
    if (Object.keys(patch).length > 0) await manager.getRepository(UserEntity).update({ id }, patch);
  }

  async replaceUserDepartments(
    manager: EntityManager,
    userId: string,
    departmentIds: string[],
  ): Promise<void> {
    await manager.getRepository(UserDepartmentEntity).delete({ userId });
    if (departmentIds.length > 0) {
      await manager
        .getRepository(UserDepartmentEntity)
        .insert(departmentIds.map((departmentId) => ({ userId, departmentId })));
    }
  }

  /** Locks the active admins' rows, so that two admins cannot demote each other at the same moment. */
  async lockActiveAdminIds(manager: EntityManager): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      manager,
      `SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`,
    );
    return rows.map((r) => r.id);
  }

  async setPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.getRepository(UserEntity).update({ id: userId }, { passwordHash });
  }

  async insertInvitation(
    manager: EntityManager,
    invitation: Pick<UserInvitationEntity, 'userId' | 'tokenHash' | 'createdBy' | 'expiresAt'>,
  ): Promise<void> {
    await manager.getRepository(UserInvitationEntity).insert(invitation);
  }

  /** Earlier links stop working when a new one is issued or the invitation is accepted. */
  async revokeInvitationsOf(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .getRepository(UserInvitationEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL AND accepted_at IS NULL', { userId })
      .execute();
  }

  /** The open invitation for a token hash, locked for acceptance. */
  lockLiveInvitation(manager: EntityManager, tokenHash: string): Promise<LiveInvitation | null> {
    return this.liveInvitation(manager, tokenHash, true);
  }

  /** The open invitation for a token hash, only to look at (who it is for, until when). */
  findLiveInvitation(tokenHash: string): Promise<LiveInvitation | null> {
    return this.liveInvitation(this.db.manager, tokenHash, false);
  }

  private async liveInvitation(
    manager: EntityManager,
    tokenHash: string,
    lock: boolean,
  ): Promise<LiveInvitation | null> {
    const query = manager.getRepository(UserInvitationEntity).createQueryBuilder('i');
    if (lock) query.setLock('pessimistic_write');
    const invitation = await query
      .where('i.token_hash = :tokenHash', { tokenHash })
      .andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()')
      .getOne();
    if (!invitation) return null;
    const user = await manager.getRepository(UserEntity).findOneBy({ id: invitation.userId, active: true });
    return user ? { invitationId: invitation.id, expiresAt: invitation.expiresAt, user } : null;
  }

  async markInvitationAccepted(manager: EntityManager, invitationId: string): Promise<void> {
    await manager
      .getRepository(UserInvitationEntity)
      .update({ id: invitationId }, { acceptedAt: () => 'now()' });
  }

  /** Signing in makes an offline user online (an away one stays away); true when it did. */
  async comeOnlineIfOffline(userId: string): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE users SET presence = 'online', presence_reason = NULL, presence_changed_at = now(), last_active_at = now()
       WHERE id = $1 AND presence = 'offline' RETURNING id`,
      [userId],
    );
    return rows.length > 0;
  }

  /** Signing out of the last live session makes the user offline; true when it did. */
  async goOfflineIfNoSessions(userId: string): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE users SET presence = 'offline', presence_reason = 'chosen', presence_changed_at = now()
       WHERE id = $1 AND presence <> 'offline'
         AND NOT EXISTS (SELECT 1 FROM sessions s
                         WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now())
       RETURNING id`,
      [userId],
    );
    return rows.length > 0;
  }

  async setPresence(userId: string, presence: Presence, reason: 'chosen' | 'idle' | null): Promise<void> {
    await this.db.query(
      `UPDATE users SET presence = $2, presence_reason = $3, presence_changed_at = now(),
              last_active_at = CASE WHEN $2 = 'online' THEN now() ELSE last_active_at END
       WHERE id = $1`,
      [userId, presence, reason],
    );
  }

  /**
   * Records activity; an agent the server had set away for being idle is online again. Returns true when
   * that happened.
   */
  async noteActivity(userId: string): Promise<boolean> {
    const rows = await sqlRows<{ was_idle: boolean }>(
      this.db.manager,
      `UPDATE users u SET last_active_at = now(),
              presence = CASE WHEN u.presence_reason = 'idle' THEN 'online' ELSE u.presence END,
              presence_reason = CASE WHEN u.presence_reason = 'idle' THEN 'chosen' ELSE u.presence_reason END,
              presence_changed_at = CASE WHEN u.presence_reason = 'idle' THEN now() ELSE u.presence_changed_at END
       FROM (SELECT id, presence_reason = 'idle' AS was_idle FROM users WHERE id = $1 FOR UPDATE) before
       WHERE u.id = before.id
       RETURNING before.was_idle`,
      [userId],
    );
    return rows[0]?.was_idle ?? false;
  }

  /** Online agents with no activity for `idleSeconds` become away (idle); returns who changed. */
  async markIdleAgentsAway(idleSeconds: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE users SET presence = 'away', presence_reason = 'idle', presence_changed_at = now()
       WHERE presence = 'online' AND coalesce(last_active_at, presence_changed_at) < now() - make_interval(secs => $1)
       RETURNING id`,
      [idleSeconds],
    );
    return rows.map((r) => r.id);
  }

  async listUsers(): Promise<UserWithDepartments[]> {
    const users = await this.db.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
    const memberships = await this.db.getRepository(UserDepartmentEntity).find();
    return users.map((user) => ({
      user,
      departmentIds: memberships.filter((m) => m.userId === user.id).map((m) => m.departmentId),
    }));
  }

  async departmentIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.getRepository(UserDepartmentEntity).findBy({ userId });
    return rows.map((r) => r.departmentId);
  }

  listDepartments(): Promise<DepartmentEntity[]> {
    return this.db.getRepository(DepartmentEntity).find({ order: { name: 'ASC' } });
  }

  findDepartmentsByIds(ids: string[]): Promise<DepartmentEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.getRepository(DepartmentEntity).createQueryBuilder('d').whereInIds(ids).getMany();
  }

  findDepartmentByName(name: string): Promise<DepartmentEntity | null> {
    return this.db
      .getRepository(DepartmentEntity)
      .createQueryBuilder('d')
      .where('lower(d.name) = lower(:name)', { name })
      .getOne();
  }

  insertDepartment(name: string): Promise<DepartmentEntity> {
    return this.db.getRepository(DepartmentEntity).save({ name });
  }

  findDepartment(id: string): Promise<DepartmentEntity | null> {
    return this.db.getRepository(DepartmentEntity).findOneBy({ id });
  }

  async renameDepartment(id: string, name: string): Promise<void> {
    await this.db.getRepository(DepartmentEntity).update({ id }, { name });
  }

  async setDepartmentAutoAssign(id: string, autoAssign: boolean): Promise<void> {
    await this.db.getRepository(DepartmentEntity).update({ id }, { autoAssign });
  }

  async deleteDepartment(id: string): Promise<void> {
    await this.db.getRepository(DepartmentEntity).delete({ id });
  }

  /** Channels still routed to the department (deleted channels do not count). */
  async countChannelsOfDepartment(id: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n FROM channels WHERE department_id = $1 AND deleted_at IS NULL`,
      [id],
    )) as Array<{ n: number }>;
    return row.n;
  }

  async userIdsOfDepartment(id: string): Promise<string[]> {
    const rows = await this.db.getRepository(UserDepartmentEntity).findBy({ departmentId: id });
    return rows.map((r) => r.userId);
  }

  insertSession(session: Pick<SessionEntity, 'userId' | 'tokenHash' | 'expiresAt'>): Promise<SessionEntity> {
    return this.db.getRepository(SessionEntity).save({ ...session, revokedAt: null });
  }

  /** The live session for a token hash, with its user, in one round trip (runs on every request). */
  async findLiveSession(tokenHash: string): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    return this.findLiveSessionWhere('s.token_hash = :tokenHash', { tokenHash });
  }

  /** For credentials derived from a session (media tickets): alive only as long as the session is. */
  async findLiveSessionById(id: string): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    return this.findLiveSessionWhere('s.id = :id', { id });
  }

  private async findLiveSessionWhere(
    condition: string,
    parameters: Record<string, string>,
  ): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    const row = await this.db
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.user', UserEntity, 'u', 'u.id = s.user_id')
      .where(condition, parameters)
      .andWhere('s.revoked_at IS NULL')
      .andWhere('s.expires_at > now()')
      .andWhere('u.active')
      .getOne();
    if (!row) return null;
    return { session: row, user: (row as SessionEntity & { user: UserEntity }).user };
  }

  async revokeSession(id: string): Promise<void> {
    await this.db.getRepository(SessionEntity).update({ id }, { revokedAt: () => 'now()' });
  }

  /** Revokes every live session of the user; returns their ids so their sockets can be closed too. */
  async revokeSessionsOf(manager: EntityManager, userId: string): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      manager,
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async recordLoginFailure(email: string, ip: string): Promise<void> {
    await this.db.getRepository(LoginFailureEntity).insert({ email: email.toLowerCase(), ip });
  }

  async clearLoginFailures(email: string): Promise<void> {
    await this.db.getRepository(LoginFailureEntity).delete({ email: email.toLowerCase() });
  }

  /** Failures within the window, by email and by IP, and when the oldest of them leaves the window. */
  async recentLoginFailures(
    email: string,
    ip: string,
    windowSeconds: number,
  ): Promise<{ byEmail: number; byIp: number; oldestByEmail: Date | null; oldestByIp: Date | null }> {
    const [row] = (await this.db.query(
      `SELECT
         count(*) FILTER (WHERE email = $1)::int AS "byEmail",
         count(*) FILTER (WHERE ip = $2)::int AS "byIp",
         min(at) FILTER (WHERE email = $1) AS "oldestByEmail",
         min(at) FILTER (WHERE ip = $2) AS "oldestByIp"
       FROM login_failures
       WHERE (email = $1 OR ip = $2) AND at > now() - make_interval(secs => $3)`,
      [email.toLowerCase(), ip, windowSeconds],
    )) as Array<{ byEmail: number; byIp: number; oldestByEmail: Date | null; oldestByIp: Date | null }>;
    return row;
  }

  /** Channels a user is associated with (CH5). */
  async channelIdsOfAgent(userId: string): Promise<string[]> {
    const rows = await this.db.getRepository(ChannelAgentEntity).findBy({ userId });
    return rows.map((r) => r.channelId);
  }

  /** Channels routed to any of the given departments (what a supervisor oversees). */
  async channelIdsOfDepartments(departmentIds: string[]): Promise<string[]> {
    if (departmentIds.length === 0) return [];
    const rows = (await this.db.query(`SELECT id FROM channels WHERE department_id = ANY($1::uuid[])`, [
      departmentIds,
    ])) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async agentIdsOfChannel(channelId: string): Promise<string[]> {
    const rows = await this.db.getRepository(ChannelAgentEntity).findBy({ channelId });
    return rows.map((r) => r.userId);
  }

  async replaceChannelAgents(channelId: string, userIds: string[]): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ChannelAgentEntity).delete({ channelId });
      if (userIds.length > 0) {
        await manager
          .getRepository(ChannelAgentEntity)
          .insert(userIds.map((userId) => ({ channelId, userId })));
      }
    });
  }

  async findUsersByIds(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    return this.db.getRepository(UserEntity).createQueryBuilder('u').whereInIds(ids).getMany();
  }
}
