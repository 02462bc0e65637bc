import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ChannelAgentEntity } from './entities/channel-agent.entity.js';
import { DepartmentEntity } from './entities/department.entity.js';
import { LoginFailureEntity } from './entities/login-failure.entity.js';
import { SessionEntity } from './entities/session.entity.js';
import { UserDepartmentEntity } from './entities/user-department.entity.js';
import { UserEntity } from './entities/user.entity.js';

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
    user: Pick<UserEntity, 'email' | 'name' | 'passwordHash' | 'role'>,
    departmentIds: string[],
  ): Promise<UserEntity> {
    const saved = await manager.getRepository(UserEntity).save({ ...user, active: true });
    if (departmentIds.length > 0) {
      await manager
        .getRepository(UserDepartmentEntity)
        .insert(departmentIds.map((departmentId) => ({ userId: saved.id, departmentId })));
    }
    return saved;
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

  async revokeSessionsOf(userId: string): Promise<void> {
    await this.db
      .getRepository(SessionEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
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
