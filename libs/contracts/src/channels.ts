export type ChannelKind = 'wechat-oa' | 'wecom-kf';
export type EncryptionMode = 'plaintext' | 'compatible' | 'safe';
export type ChannelStatus = 'active' | 'inactive';

/** What an admin sends to create or edit an Official Account channel. Secrets go in, never come out. */
export interface WechatOaConfigInput {
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey?: string;
  originalId: string;
  encryptionMode: EncryptionMode;
}

/** The same config as the API returns it: secrets masked (last 4 characters at most). */
export interface WechatOaConfigView {
  appId: string;
  originalId: string;
  encryptionMode: EncryptionMode;
  appSecret: string;
  token: string;
  encodingAesKey: string | null;
}

export interface CreateChannelRequest {
  kind: 'wechat-oa';
  name: string;
  departmentId?: string | null;
  config: WechatOaConfigInput;
}

export interface ChannelView {
  id: string;
  kind: ChannelKind;
  name: string;
  departmentId: string | null;
  status: ChannelStatus;
  /** False when something the channel needs (a department) is missing; `problems` says what. */
  fullyConfigured: boolean;
  problems: string[];
  callbackUrl: string;
  config: WechatOaConfigView;
  agentIds: string[];
  createdAt: string;
}

export interface SetChannelAgentsRequest {
  agentIds: string[];
}
