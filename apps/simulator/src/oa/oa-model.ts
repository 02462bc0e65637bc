export type EncryptionMode = 'plaintext' | 'compatible' | 'safe';
export const ENCRYPTION_MODES: readonly EncryptionMode[] = ['plaintext', 'compatible', 'safe'];

/** What an OA admin sets on WeChat's side (server config page, IP whitelist) plus simulator knobs. */
export interface OaAccount {
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey?: string;
  originalId: string;
  encryptionMode: EncryptionMode;
  callbackUrl: string;
  name: string;
  /** Custom messages allowed per customer message ([conflict]: 5 today, 20 on older accounts). */
  quotaPerCustomerMessage: number;
  /** user/info returns nickname/headimgurl only when true (WeChat stopped returning them in 2021). */
  exposeProfile: boolean;
  /**
   * The customer-service message permission (客服消息). Unverified subscription accounts lack it: custom/send,
   * custom/typing and customservice/getkflist answer 48001.
   */
  customerServicePermission: boolean;
  /** Image upload limit ([conflict] in WeChat's own page: 10 MB vs 2 MB). */
  imageMaxBytes: number;
  ipWhitelist: { enabled: boolean; ips: string[] };
  menu?: { button: unknown[] };
  createdAt: number;
}

/** Why the customer-service API is open, and how much of it is left. */
export interface ReplyWindow {
  trigger: 'message' | 'click' | 'follow' | 'scan';
  openedAt: number;
  expiresAt: number;
  limit: number;
  used: number;
}

/** A message the customer received (custom/send, passive reply, or WeChat's own notice). */
export interface InboxItem {
  id: number;
  msgtype: string;
  content?: string;
  /** The message object as sent, e.g. `{ media_id }` for images, under its msgtype. */
  payload?: unknown;
  via: 'custom-send' | 'passive-reply' | 'system';
  kfAccount?: string;
  receivedAt: number;
}

/** Something the customer sent (a message or an event) and what happened to the push. */
export interface OutboxItem {
  id: number;
  msgId?: string;
  msgtype: string;
  event?: string;
  content?: string;
  fields: Record<string, string | number>;
  sentAt: number;
  delivered: boolean;
  attempts: number;
  failure?: string;
}

export interface OaCustomer {
  openid: string;
  appId: string;
  nickname: string;
  headimgurl: string;
  unionid?: string;
  language: string;
  remark: string;
  subscribed: boolean;
  subscribeTime: number;
  subscribeScene: string;
  /** The scene of the QR code the customer last followed through, if any. */
  qrScene?: string;
  window?: ReplyWindow;
  lastMessageAt?: number;
  inbox: InboxItem[];
  outbox: OutboxItem[];
  typing?: { until: number };
}

export const HOURS_48 = 48 * 3600 * 1000;
