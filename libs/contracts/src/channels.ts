export type ChannelKind = 'wechat-oa' | 'wecom-kf';
export type EncryptionMode = 'plaintext' | 'compatible' | 'safe';
export type ChannelStatus = 'active' | 'inactive';
/** `unhealthy`: the platform refused our configuration (IP whitelist, secret, permission); see `healthReason`. */
export type ChannelHealth = 'unknown' | 'ok' | 'unhealthy';
/** `token`: cgi-bin/token. `stable`: cgi-bin/stable_token, which other users of the AppID cannot invalidate. */
export type OaTokenMode = 'token' | 'stable';

/** Limits the server enforces on channel settings; the console checks the same numbers first. */
export const CHANNEL_LIMITS = {
  nameMaxChars: 60,
  messagesPerCustomerMessage: { min: 1, max: 20, default: 5 },
  /** WeChat's limit for one text message (also a passive reply), in UTF-8 bytes. */
  followReplyMaxBytes: 2048,
  iconMaxBytes: 1024 * 1024,
  menu: {
    buttonsMin: 1,
    buttonsMax: 3,
    itemsMin: 1,
    itemsMax: 5,
    /** UTF-8 bytes: a Chinese character takes 3. */
    buttonNameMaxBytes: 16,
    itemNameMaxBytes: 60,
    keyMaxBytes: 128,
    urlMaxBytes: 1024,
  },
} as const;

/** What an admin sends to create an Official Account channel. Secrets go in, never come out. */
export interface WechatOaConfigInput {
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey?: string;
  originalId: string;
  encryptionMode: EncryptionMode;
  /** 1–20, default 5 (OA6). */
  messagesPerCustomerMessage?: number;
  /** Default `token`. */
  tokenMode?: OaTokenMode;
  /** A service account verified outside Mainland China: no satisfaction surveys (OA10). Default false. */
  outsideMainlandChina?: boolean;
}

/**
 * Editing (PATCH): every field is optional and an omitted field keeps its value. A secret that is present
 * replaces (rotates) the stored one; `encodingAesKey: null` removes it (plaintext mode only).
 */
export interface WechatOaConfigPatch {
  appId?: string;
  originalId?: string;
  encryptionMode?: EncryptionMode;
  appSecret?: string;
  token?: string;
  encodingAesKey?: string | null;
  messagesPerCustomerMessage?: number;
  tokenMode?: OaTokenMode;
  outsideMainlandChina?: boolean;
  /** The menu key of the "talk to an agent" item; letters, digits and _ - : (1–64). */
  talkToAgentKey?: string;
}

export interface FollowReplySettings {
  /** On a new follow (`subscribe`), the text is the passive reply to the event: no API call, no quota. */
  enabled: boolean;
  text: string;
}

/** The same config as the API returns it: secrets masked (last 4 characters at most). */
export interface WechatOaConfigView {
  appId: string;
  originalId: string;
  encryptionMode: EncryptionMode;
  messagesPerCustomerMessage: number;
  tokenMode: OaTokenMode;
  outsideMainlandChina: boolean;
  followReply: FollowReplySettings;
  talkToAgentKey: string;
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

export interface UpdateChannelRequest {
  name?: string;
  /** null: no department (the channel is then not fully configured). */
  departmentId?: string | null;
  config?: WechatOaConfigPatch;
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
  /** `GET` it with the session's bearer token; null when the channel has no icon. Changes with the icon. */
  iconUrl: string | null;
  config: WechatOaConfigView;
  agentIds: string[];
  createdAt: string;
}

export interface SetChannelAgentsRequest {
  agentIds: string[];
}

export type SetFollowReplyRequest = FollowReplySettings;

/** `POST /api/channels/wechat-oa/generated-secrets`: a fresh Token and EncodingAESKey, stored nowhere yet. */
export interface GeneratedCallbackSecrets {
  /** 32 random letters and digits (WeChat accepts 3–32). */
  token: string;
  /** 43 random letters and digits. */
  encodingAesKey: string;
}

/** What an admin needs on WeChat's side, whatever the channel: `GET /api/channels/wechat-oa/setup-info`. */
export interface ChannelSetupInfo {
  /** The addresses this server calls WeChat from (EGRESS_IPS), for the account's API IP whitelist. */
  egressIps: string[];
  publicUrl: string;
  /** Why WeChat may not be able to reach the callback URL (not public, wrong port…); empty when it looks fine. */
  callbackUrlWarnings: string[];
}

/** An item of the custom menu: a button without a submenu, or an entry of one. */
export type ChannelMenuAction =
  /** Sends a CLICK event with `key`. */
  | { type: 'click'; name: string; key: string }
  /** Opens a web page. */
  | { type: 'view'; name: string; url: string }
  /** A click with the channel's `talkToAgentKey`: opens a conversation with an agent. */
  | { type: 'talk-to-agent'; name: string };

export type ChannelMenuButton =
  ChannelMenuAction | { type: 'submenu'; name: string; items: ChannelMenuAction[] };

/** The channel's custom menu as saved here, and whether WeChat shows it. */
export interface ChannelMenuView {
  buttons: ChannelMenuButton[];
  talkToAgentKey: string;
  updatedAt: string | null;
  /** When the saved menu (or an earlier one) was last published with `menu/create`; null: not on WeChat. */
  publishedAt: string | null;
  /** The saved menu is what WeChat shows (published after the last change). */
  upToDate: boolean;
}

export interface SaveChannelMenuRequest {
  buttons: ChannelMenuButton[];
}

/** A button as WeChat reports it with `menu/get`, including kinds this desk does not edit. */
export interface PublishedMenuButton {
  name: string;
  /** WeChat's type (`click`, `view`, `scancode_push`…); null for a button with a submenu. */
  type: string | null;
  key?: string;
  url?: string;
  /** A click with the channel's talk-to-an-agent key. */
  talkToAgent: boolean;
  items?: PublishedMenuButton[];
}

/** `GET /api/channels/:id/menu/published`: what WeChat shows followers right now. */
export interface PublishedChannelMenu {
  published: boolean;
  buttons: PublishedMenuButton[];
  /** It is exactly the menu saved here. */
  matchesSaved: boolean;
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
