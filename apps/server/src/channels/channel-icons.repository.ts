import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ChannelIconEntity } from './entities/channel-icon.entity.js';

@Injectable()
export class ChannelIconsRepository {
  constructor(private readonly db: DataSource) {}

  find(channelId: string): Promise<ChannelIconEntity | null> {
    return this.db.getRepository(ChannelIconEntity).findOneBy({ channelId });
  }

  /** The icons' fingerprints (not their bytes), by channel id. */
  async fingerprints(channelIds: string[]): Promise<Map<string, string>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.db
      .getRepository(ChannelIconEntity)
      .find({ select: { channelId: true, sha256: true }, where: { channelId: In(channelIds) } });
    return new Map(rows.map((row) => [row.channelId, row.sha256]));
  }

  async put(icon: Omit<ChannelIconEntity, 'updatedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO channel_icons (channel_id, content_type, data, sha256, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (channel_id) DO UPDATE SET content_type = EXCLUDED.content_type, data = EXCLUDED.data,
         sha256 = EXCLUDED.sha256, updated_at = now()`,
      [icon.channelId, icon.contentType, icon.data, icon.sha256],
    );
  }

  async remove(channelId: string): Promise<void> {
    await this.db.getRepository(ChannelIconEntity).delete({ channelId });
  }
}
