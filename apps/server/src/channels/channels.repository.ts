import { Injectable } from '@nestjs/common';
import type { ChannelStatus } from '#contracts';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';
import { ChannelEntity } from './entities/channel.entity.js';
import { WechatOaConfigEntity } from './entities/wechat-oa-config.entity.js';

/** The PostgreSQL notification channel on which a changed channel's id is announced to every server process. */
export const CHANNEL_CHANGED = 'desk_channel_changed';

export interface OaChannelRecord {
  channel: ChannelEntity;
  config: WechatOaConfigEntity;
}

export type OaConfigFields = Omit<WechatOaConfigEntity, 'channelId' | 'secretsSealed'>;

/** What an edit changes; computed from the current record while its rows are locked. */
export interface OaChannelChange {
  channel?: Partial<Pick<ChannelEntity, 'name' | 'departmentId' | 'status' | 'health' | 'healthReason'>>;
  config?: Partial<Omit<WechatOaConfigEntity, 'channelId'>>;
}

@Injectable()
export class ChannelsRepository {
  constructor(private readonly db: DataSource) {}

  async insertOaChannel(
    channel: Pick<ChannelEntity, 'name' | 'departmentId'>,
    config: OaConfigFields,
    sealSecrets: (channelId: string) => string,
  ): Promise<OaChannelRecord> {
    return this.db.transaction(async (tx) => {
      const saved = await tx
        .getRepository(ChannelEntity)
        .save({ ...channel, kind: 'wechat-oa', status: 'active' });
      const savedConfig = await tx
        .getRepository(WechatOaConfigEntity)
        .save({ ...config, channelId: saved.id, secretsSealed: sealSecrets(saved.id) });
      // Reread: the defaults (health, timestamps) come from the database.
      const stored = await tx.getRepository(ChannelEntity).findOneByOrFail({ id: saved.id });
      return { channel: stored, config: savedConfig };
    });
  }

  findChannel(id: string): Promise<ChannelEntity | null> {
    return this.db.getRepository(ChannelEntity).findOneBy({ id });
  }

  /** Channels that are not deleted, oldest first. */
  listLiveChannels(): Promise<ChannelEntity[]> {
    return this.db
      .getRepository(ChannelEntity)
      .find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  findOaConfig(channelId: string): Promise<WechatOaConfigEntity | null> {
    return this.db.getRepository(WechatOaConfigEntity).findOneBy({ channelId });
  }

  async findOaChannel(channelId: string): Promise<OaChannelRecord | null> {
    const [channel, config] = await Promise.all([this.findChannel(channelId), this.findOaConfig(channelId)]);
    return channel && config ? { channel, config } : null;
  }

  /**
   * Locks the channel's rows, lets `decide` compute the change from what is stored now (it may throw to change
   * nothing), writes it, and tells every server process to drop its cached copy — in one transaction, so two
   * admins editing at once cannot lose each other's change and the notice goes out only if the change commits.
   */
  async updateOaChannel(
    channelId: string,
    decide: (current: OaChannelRecord) => OaChannelChange,
  ): Promise<OaChannelRecord | null> {
    return this.db.transaction(async (tx) => {
      const channel = await tx
        .getRepository(ChannelEntity)
        .createQueryBuilder('c')
        .where('c.id = :channelId AND c.deleted_at IS NULL', { channelId })
        .setLock('pessimistic_write')
        .getOne();
      const config = channel ? await tx.getRepository(WechatOaConfigEntity).findOneBy({ channelId }) : null;
      if (!channel || !config) return null;
      const change = decide({ channel, config });
      if (change.channel && Object.keys(change.channel).length > 0) {
        await tx.getRepository(ChannelEntity).update({ id: channelId }, change.channel);
      }
      if (change.config && Object.keys(change.config).length > 0) {
        await tx.getRepository(WechatOaConfigEntity).update({ channelId }, change.config);
      }
      await this.notifyChanged(tx, channelId);
      const [updated, updatedConfig] = await Promise.all([
        tx.getRepository(ChannelEntity).findOneByOrFail({ id: channelId }),
        tx.getRepository(WechatOaConfigEntity).findOneByOrFail({ channelId }),
      ]);
      return { channel: updated, config: updatedConfig };
    });
  }

  async setStatus(channelId: string, status: ChannelStatus): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await sqlRows(
        tx,
        `UPDATE channels SET status = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [channelId, status],
      );
      if (rows.length > 0) await this.notifyChanged(tx, channelId);
      return rows.length > 0;
    });
  }

  /** Deleted channels keep their row and conversations (read-only); they neither receive nor send (CH2). */
  async softDelete(channelId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await sqlRows(
        tx,
        `UPDATE channels SET deleted_at = now(), status = 'inactive', updated_at = now()
         WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [channelId],
      );
      if (rows.length > 0) await this.notifyChanged(tx, channelId);
      return rows.length > 0;
    });
  }

  /** Whether another channel that is not deleted already uses this AppID. */
  async appIdInUse(appId: string): Promise<boolean> {
    return Boolean(
      await sqlRow(
        this.db.manager,
        `SELECT 1 FROM wechat_oa_channel_configs o JOIN channels c ON c.id = o.channel_id
         WHERE o.app_id = $1 AND c.deleted_at IS NULL`,
        [appId],
      ),
    );
  }

  /** What the platform last said about the channel's configuration; `reason` is shown to admins. */
  async recordHealth(channelId: string, health: 'ok' | 'unhealthy', reason: string | null): Promise<void> {
    await this.db.query(
      `UPDATE channels SET health = $2, health_reason = $3, health_checked_at = now() WHERE id = $1`,
      [channelId, health, reason],
    );
  }

  /** A success after a problem: healthy again. Does nothing (and locks nothing) when already healthy. */
  async recordHealthyIfNot(channelId: string): Promise<boolean> {
    const row = await sqlRow(
      this.db.manager,
      `UPDATE channels SET health = 'ok', health_reason = NULL, health_checked_at = now()
       WHERE id = $1 AND health <> 'ok' RETURNING id`,
      [channelId],
    );
    return row !== null;
  }

  async departmentExists(id: string): Promise<boolean> {
    return Boolean(await sqlRow(this.db.manager, `SELECT 1 FROM departments WHERE id = $1`, [id]));
  }

  /** Delivered to listeners when the transaction commits (and not at all if it rolls back). */
  private async notifyChanged(tx: EntityManager, channelId: string): Promise<void> {
    await tx.query(`SELECT pg_notify($1, $2)`, [CHANNEL_CHANGED, channelId]);
  }
}
