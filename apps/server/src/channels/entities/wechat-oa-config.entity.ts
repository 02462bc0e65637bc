import type { ChannelMenuButton, EncryptionMode, OaTokenMode } from '#contracts';
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

  /** WeChat forbids satisfaction surveys on service accounts verified outside Mainland China (OA10). */
  @Column('boolean', { name: 'outside_mainland_china' })
  outsideMainlandChina: boolean;

  @Column('boolean', { name: 'follow_reply_enabled' })
  followReplyEnabled: boolean;

  @Column('text', { name: 'follow_reply_text' })
  followReplyText: string;

  /** A CLICK with this menu key opens a conversation (OA9). */
  @Column('text', { name: 'talk_to_agent_key' })
  talkToAgentKey: string;

  /** The custom menu as last saved here (null: never edited). */
  @Column('jsonb', { name: 'menu', nullable: true })
  menu: ChannelMenuButton[] | null;

  @Column('timestamptz', { name: 'menu_updated_at', nullable: true })
  menuUpdatedAt: Date | null;

  /** When a menu was last put on WeChat with menu/create; null after menu/delete. */
  @Column('timestamptz', { name: 'menu_published_at', nullable: true })
  menuPublishedAt: Date | null;
}
