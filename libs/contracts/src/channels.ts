export type ChannelKind = 'wechat-oa' | 'wecom-kf';
export type EncryptionMode = 'plaintext' | 'compatible' | 'safe';
export type ChannelStatus = 'active' | 'inactive';
/** `unhealthy`: the platform refused our configuration (IP whitelist, secret, permission); see `healthReason`. */
export type ChannelHealth = 'unknown' | 'ok' | 'unhealthy';
/** `token`: cgi-bin/token. `stable`: cgi-bin/stable_token, which other users of the AppID cannot invalidate. */
export type OaTokenMode = 'token' | 'stable';

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
  messagesPerCustomerMessage: number;
  tokenMode: OaTokenMode;
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
  health: ChannelHealth;
  healthReason: string | null;
  healthCheckedAt: string | null;
  /** Set when the channel was deleted: its conversations stay, read-only. */
  deletedAt: string | null;
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

/** What went wrong when the platform refused the channel's configuration. */
export type ChannelProblem =
  'ip-not-whitelisted' | 'bad-credentials' | 'no-permission' | 'unreachable' | 'unknown';

/**
 * `POST /api/channels/:id/verify` ("Verify installation"): the server asks the platform for a token (and
 * whatever else proves the channel can send) and says in words what it found. The channel's `health`
 * is updated with the same result.
 */
export interface ChannelVerification {
  ok: boolean;
  problem: ChannelProblem | null;
  /** For the admin: what happened and what to do, e.g. "Add 203.0.113.7 to the IP whitelist…". */
  message: string;
  checkedAt: string;
}
