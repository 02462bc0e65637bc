/** A WeCom organisation as configured on WeCom's side: the kf secret and the kf callback. */
export interface WecomCorp {
  corpId: string;
  corpSecret: string;
  token: string;
  encodingAesKey: string;
  callbackUrl: string;
  name: string;
  /** gettoken returns the same token while valid ([conflict]: older docs say so, the 2024 doc dropped it). */
  tokenReuse: boolean;
  /** The app's trusted IPs: when enabled, API calls from elsewhere get 60020 (gettoken still works). */
  ipWhitelist: { enabled: boolean; ips: string[] };
  /** Image upload limit ([conflict] 10 MB in the current doc, 2 MB in older copies). */
  imageMaxBytes: number;
  createdAt: number;
}

/** A chat link made by kf/add_contact_way; opening it (with an optional scene_param) starts enter_session. */
export interface KfContactWay {
  url: string;
  corpId: string;
  openKfId: string;
  scene: string;
  createdAt: number;
}

export interface KfServicer {
  userid: string;
  /** 0 receiving, 1 stopped. */
  status: 0 | 1;
  stop_type?: 0 | 1;
}

export interface KfAccount {
  openKfId: string;
  corpId: string;
  name: string;
  avatar: string;
  servicers: KfServicer[];
  createdAt: number;
}

export interface KfCustomer {
  externalUserId: string;
  corpId: string;
  nickname: string;
  avatar: string;
  gender: number;
  unionid?: string;
  enterSessionContext?: { scene: string; scene_param: string };
}

/** 0 new, 1 bot/API, 2 queued, 3 human servicer, 4 ended. */
export type ServiceState = 0 | 1 | 2 | 3 | 4;

export interface KfInboxItem {
  id: number;
  msgid: string;
  msgtype: string;
  content?: string;
  payload?: unknown;
  via: 'send_msg' | 'send_msg_on_event' | 'servicer';
  servicerUserId?: string;
  receivedAt: number;
  /** Set when the platform reported it failed later (msg_send_fail): the customer never saw it. */
  failType?: number;
  /** Set when the servicer recalled it (servicer_recall_msg). */
  recalledAt?: number;
}

export interface KfOutboxItem {
  id: number;
  msgid: string;
  msgtype: string;
  event?: string;
  content?: string;
  /** The body as it appears in sync_msg (e.g. `{ media_id }`), for the phone page. */
  payload?: Record<string, unknown>;
  sentAt: number;
  delivered: boolean;
  attempts: number;
  failure?: string;
  /** Set when the customer recalled it (user_recall_msg). */
  recalledAt?: number;
}

/** One customer × one kf account. */
export interface KfSession {
  openKfId: string;
  externalUserId: string;
  corpId: string;
  state: ServiceState;
  servicerUserId?: string;
  window?: { openedAt: number; expiresAt: number; limit: number; used: number };
  lastWelcomeAt?: number;
  inbox: KfInboxItem[];
  outbox: KfOutboxItem[];
  /** msgids already accepted by send_msg (a retry with the same msgid is not sent twice). */
  sentMsgIds: Set<string>;
  /** Servicers who switched on "reject this customer's messages". */
  rejectedBy: Set<string>;
}

/**
 * One item of kf/sync_msg, exactly as returned. `open_kfid` is absent at the top of servicer events
 * (as captured from the platform: it is only inside `event`).
 */
export type SyncMessage = Record<string, unknown> & { msgid: string; open_kfid?: string; origin: number };

export interface EventCode {
  code: string;
  kind: 'welcome' | 'queue' | 'taken' | 'end';
  corpId: string;
  openKfId: string;
  externalUserId: string;
  expiresAt: number;
  /** The session state in which the code may be used (none for the welcome). */
  state?: ServiceState;
  used: boolean;
}

export const KF_WINDOW_MS = 48 * 3600 * 1000;
export const KF_MESSAGES_PER_CUSTOMER_MESSAGE = 5;
export const KF_CALLBACK_TOKEN_MS = 10 * 60 * 1000;
export const WELCOME_CODE_MS = 20_000;
/** WeChat lets a sender recall a message for 2 minutes. */
export const DEFAULT_RECALL_WINDOW_SECONDS = 120;

/** msg_send_fail.fail_type values (spec §6.6). */
export const FAIL_TYPES: readonly number[] = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11];
