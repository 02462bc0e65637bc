import type { EncryptionMode } from '#contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('wechat_oa_channel_configs')
export class WechatOaConfigEntity {
  @PrimaryColumn('uuid', { name: 'channel_id' })
  channelId: string;

  @Column('text', { name: 'app_id' })
  appId: string;

  @Column('text', { name: 'original_id' })
  originalId: string;

  @Column('text', { name: 'encryption_mode' })
  encryptionMode: EncryptionMode;

  /** AppSecret, Token and EncodingAESKey, sealed with the master key (see SecretBox). */
  @Column('text', { name: 'secrets_sealed' })
  secretsSealed: string;
}
