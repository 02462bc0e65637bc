export interface KfAccount {
  openKfId: string;
  name: string;
  avatar: string;
  /** Whether this app may manage the account (not returned to component apps). */
  managePrivilege?: boolean;
}

export interface KfServicer {
  userId?: string;
  departmentId?: number;
  /** 0 receiving, 1 stopped. */
  status: number;
  /** When stopped: 0 stopped, 1 paused. */
  stopType?: number;
}

export interface KfServicerResult {
  userId?: string;
  departmentId?: number;
  errcode: number;
  errmsg: string;
}

/** 0 new, 1 handled by API/bot, 2 queued, 3 handled by a person in WeCom, 4 ended (spec §6.5). */
export type KfServiceState = 0 | 1 | 2 | 3 | 4;

export interface KfSyncMsgRequest {
  /** ≤64 bytes; empty on the very first pull. Persist `nextCursor` after every page. */
  cursor?: string;
  /** The callback's Token (10 minutes); without it the pull is strictly rate limited. */
  token?: string;
  /** Default and maximum 1000. */
  limit?: number;
  /** 0 AMR (default), 1 SILK. */
  voiceFormat?: 0 | 1;
  openKfId?: string;
}

export interface KfCustomer {
  externalUserId: string;
  nickname: string;
  avatar: string;
  gender: number;
  unionId?: string;
  enterSessionContext?: {
    scene?: string;
    sceneParam?: string;
    wechatChannels?: { nickname?: string; shopNickname?: string; scene?: number };
  };
  raw: Record<string, unknown>;
}

export type WecomMediaType = 'image' | 'voice' | 'video' | 'file';
