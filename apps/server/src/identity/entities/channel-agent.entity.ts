import { Entity, PrimaryColumn } from 'typeorm';

@Entity('channel_agents')
export class ChannelAgentEntity {
  @PrimaryColumn('uuid', { name: 'channel_id' })
  channelId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;
}
