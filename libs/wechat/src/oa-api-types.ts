export interface AccessTokenResult {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
}

export type OaMediaType = 'image' | 'voice' | 'video' | 'thumb';

export interface MediaFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface UploadedMedia {
  mediaId: string;
  /** Unix seconds. */
  createdAt: number;
}

export type DownloadedMedia = { contentType: string; filename?: string; data: Buffer } | { videoUrl: string };

export type OaUserLanguage = 'zh_CN' | 'zh_TW' | 'en';

/** user/info (spec §5.4). Nickname and avatar are empty for most accounts since 2021-12-27. */
export interface OaUserInfo {
  openId: string;
  subscribed: boolean;
  language?: string;
  /** Unix seconds of the last follow. */
  subscribeTime?: number;
  unionId?: string;
  remark?: string;
  groupId?: number;
  tagIds: number[];
  subscribeScene?: string;
  qrScene?: number;
  qrSceneStr?: string;
  nickname?: string;
  headImgUrl?: string;
  raw: Record<string, unknown>;
}

export type OaMenuButton =
  | { type: 'view'; name: string; url: string }
  | { type: 'miniprogram'; name: string; url: string; appid: string; pagepath: string }
  | {
      type: 'media_id' | 'article_id' | 'article_view_limited';
      name: string;
      media_id?: string;
      article_id?: string;
    }
  | {
      type:
        | 'click'
        | 'scancode_push'
        | 'scancode_waitmsg'
        | 'pic_sysphoto'
        | 'pic_photo_or_album'
        | 'pic_weixin'
        | 'location_select';
      name: string;
      key: string;
    }
  | { name: string; sub_button: OaMenuButton[] };

export interface OaMenu {
  button: OaMenuButton[];
}

export type OaQrCodeRequest =
  /** Temporary; `expireSeconds` ≤ 2592000 (30 days); WeChat's default when omitted is 60 s [conflict: 30 s in older copies]. */
  | { kind: 'temporary'; sceneId: number; expireSeconds?: number }
  | { kind: 'temporary'; sceneStr: string; expireSeconds?: number }
  | { kind: 'permanent'; sceneId: number }
  | { kind: 'permanent'; sceneStr: string };

export interface OaQrCode {
  ticket: string;
  expireSeconds?: number;
  /** The URL the QR code encodes. */
  url: string;
  /** Where to fetch the QR image (no token needed). */
  imageUrl: string;
}
