import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A channel's icon (CH4): at most 1 MB of JPEG or PNG, checked by its bytes before it gets here. */
@Entity('channel_icons')
export class ChannelIconEntity {
  @PrimaryColumn('uuid', { name: 'channel_id' })
  channelId: string;

  @Column('text', { name: 'content_type' })
  contentType: 'image/jpeg' | 'image/png';

  @Column('bytea')
  data: Buffer;

  /** Part of the icon's URL, so that browsers may cache it and still see a new one at once. */
  @Column('text')
  sha256: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
