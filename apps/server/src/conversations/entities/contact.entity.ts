import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('contacts')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'channel_id' })
  channelId: string;

  /** The platform's id for this person on this channel (an OpenID, an external_userid). */
  @Column('text', { name: 'platform_user_id' })
  platformUserId: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { name: 'avatar_url', nullable: true })
  avatarUrl: string | null;

  /** When the platform's profile was last asked for (at most daily, OA7). */
  @Column('timestamptz', { name: 'profile_refreshed_at', nullable: true })
  profileRefreshedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
