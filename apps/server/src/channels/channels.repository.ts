import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRow } from '../database/sql.js';
import { ChannelEntity } from './entities/channel.entity.js';
import { WechatOaConfigEntity } from './entities/wechat-oa-config.entity.js';

export interface OaChannelRecord {
  channel: ChannelEntity;
  config: WechatOaConfigEntity;
}

@Injectable()
export class ChannelsRepository {
  constructor(private readonly db: DataSource) {}

  async insertOaChannel(
    channel: Pick<ChannelEntity, 'name' | 'departmentId'>,
    config: Omit<WechatOaConfigEntity, 'channelId' | 'secretsSealed'>,
    sealSecrets: (channelId: string) => string,
  ): Promise<OaChannelRecord> {
    return this.db.transaction(async (tx) => {
      const saved = await tx
        .getRepository(ChannelEntity)
        .save({ ...channel, kind: 'wechat-oa', status: 'active' });
      const savedConfig = await tx
        .getRepository(WechatOaConfigEntity)
        .save({ ...config, channelId: saved.id, secretsSealed: sealSecrets(saved.id) });
      return { channel: saved, config: savedConfig };
    });
  }

  findChannel(id: string): Promise<ChannelEntity | null> {
    return this.db.getRepository(ChannelEntity).findOneBy({ id });
  }

  listChannels(): Promise<ChannelEntity[]> {
    return this.db.getRepository(ChannelEntity).find({ order: { createdAt: 'ASC' } });
  }

  findOaConfig(channelId: string): Promise<WechatOaConfigEntity | null> {
    return this.db.getRepository(WechatOaConfigEntity).findOneBy({ channelId });
  }

  async findOaChannel(channelId: string): Promise<OaChannelRecord | null> {
    const [channel, config] = await Promise.all([this.findChannel(channelId), this.findOaConfig(channelId)]);
    return channel && config ? { channel, config } : null;
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
}
