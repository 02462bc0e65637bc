import type { EncryptionMode, OaTokenMode } from '#contracts';
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

  /** Agent messages allowed per customer message (OA6): 5 today, 20 on some older accounts. */
  @Column('integer', { name: 'messages_per_customer_message' })
  messagesPerCustomerMessage: number;

  /** `stable`: cgi-bin/stable_token, so other systems using the same AppID do not knock our token out (OA8). */
  @Column('text', { name: 'token_mode' })
  tokenMode: OaTokenMode;

  /** AppSecret, Token and EncodingAESKey, sealed with the master key (see SecretBox). */
  @Column('text', { name: 'secrets_sealed' })
  secretsSealed: string;
}
