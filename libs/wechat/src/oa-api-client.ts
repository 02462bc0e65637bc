import {
  ApiCaller,
  checkErrcode,
  parseJsonObject,
  read,
  tokenResult,
  type ApiClientOptions,
  type JsonObject,
} from './api-call.js';
import type { WechatErrorCategory } from './errors.js';
import type { OaCustomMessage } from './oa-custom-message.js';
import type {
  AccessTokenResult,
  DownloadedMedia,
  MediaFile,
  OaMediaType,
  OaMenu,
  OaQrCode,
  OaQrCodeRequest,
  OaUserInfo,
  OaUserLanguage,
  UploadedMedia,
} from './oa-api-types.js';
import { filenameFromDisposition } from './media-filename.js';

export interface OaApiClientOptions extends ApiClientOptions {
  /** Host of `showqrcode` for QR images; default https://mp.weixin.qq.com. */
  qrImageBaseUrl?: string;
}

// On a token endpoint 40001 means the AppSecret is wrong, not that a token went stale: never retry it.
const TOKEN_ENDPOINT_OVERRIDES = new Map<number, { category: WechatErrorCategory; description: string }>([
  [
    40001,
    {
      category: 'configuration',
      description: 'The AppSecret is wrong; paste the current one from the WeChat admin console.',
    },
  ],
]);

/** The Official Account server API (spec §5), host api.weixin.qq.com. */
export class OaApiClient {
  private readonly api: ApiCaller;
  private readonly qrImageBaseUrl: string;

  constructor(options: OaApiClientOptions) {
    this.api = new ApiCaller(options);
    this.qrImageBaseUrl = (options.qrImageBaseUrl ?? 'https://mp.weixin.qq.com').replace(/\/+$/, '');
  }

  /** `cgi-bin/token`: every call issues a new token and retires the previous one after a short overlap. */
  async getAccessToken(creds: { appId: string; appSecret: string }): Promise<AccessTokenResult> {
    const api = 'cgi-bin/token';
    const body = await this.api.json(api, {
      method: 'GET',
      path: '/cgi-bin/token',
      query: { grant_type: 'client_credential', appid: creds.appId, secret: creds.appSecret },
      categoryOverrides: TOKEN_ENDPOINT_OVERRIDES,
    });
    return tokenResult(api, body);
  }

  /** `cgi-bin/stable_token`: the same token while valid, so other systems sharing the AppID are not knocked out. */
  async getStableAccessToken(
    creds: { appId: string; appSecret: string },
    forceRefresh = false,
  ): Promise<AccessTokenResult> {
    const api = 'cgi-bin/stable_token';
    const body = await this.api.json(api, {
      method: 'POST',
      path: '/cgi-bin/stable_token',
      json: {
        grant_type: 'client_credential',
        appid: creds.appId,
        secret: creds.appSecret,
        force_refresh: forceRefresh,
      },
      categoryOverrides: TOKEN_ENDPOINT_OVERRIDES,
    });
    return tokenResult(api, body);
  }

  async sendCustomMessage(accessToken: string, message: OaCustomMessage): Promise<void> {
    await this.post('message/custom/send', accessToken, message);
  }

  /**
   * `customservice/getkflist`: the account's customer-service accounts. Read-only; an account without the
   * customer-service permission gets 48001, which makes it the harmless probe for that permission.
   */
  async getKfList(accessToken: string): Promise<Array<{ account: string; nickname?: string }>> {
    const api = 'cgi-bin/customservice/getkflist';
    const body = await this.get('customservice/getkflist', accessToken);
    return read.array(api, body, 'kf_list').map((item) => {
      const entry = read.object(api, item, 'a customer-service account');
      const nickname = read.optionalString(api, entry, 'kf_nick');
      return {
        account: read.string(api, entry, 'kf_account'),
        ...(nickname === undefined ? {} : { nickname }),
      };
    });
  }

  /** Lasts 15 s, only within the custom-message window; sending a message cancels it. */
  async sendTyping(accessToken: string, openId: string, command: 'Typing' | 'CancelTyping'): Promise<void> {
    await this.post('message/custom/typing', accessToken, { touser: openId, command });
  }

  /**
   * Temporary media (3 days). Limits [conflict]: image 10 MB or 2 MB, voice 2 MB, video 10 MB, thumb 64 KB.
   * `timeoutMs`: a 10 MB upload needs longer than the client's default for JSON calls.
   */
  async uploadMedia(
    accessToken: string,
    type: OaMediaType,
    file: MediaFile,
    options: { timeoutMs?: number } = {},
  ): Promise<UploadedMedia> {
    const api = 'cgi-bin/media/upload';
    const body = await this.api.json(api, {
      method: 'POST',
      path: '/cgi-bin/media/upload',
      timeoutMs: options.timeoutMs,
      query: { access_token: accessToken, type },
      multipart: { field: 'media', filename: file.filename, contentType: file.contentType, data: file.data },
    });
    const mediaId = read.optionalString(api, body, 'media_id') ?? read.string(api, body, 'thumb_media_id');
    return { mediaId, createdAt: read.number(api, body, 'created_at') };
  }

  /** Binary media, or `{ videoUrl }` for video; errors arrive as JSON, so the content type decides. */
  async getMedia(accessToken: string, mediaId: string): Promise<DownloadedMedia> {
    const api = 'cgi-bin/media/get';
    const response = await this.api.send(api, {
      method: 'GET',
      path: '/cgi-bin/media/get',
      query: { access_token: accessToken, media_id: mediaId },
    });
    const contentType = response.headers['content-type'] ?? 'application/octet-stream';
    if (/^(application\/json|text\/plain)/i.test(contentType)) {
      const body = checkErrcode(api, parseJsonObject(api, response));
      return { videoUrl: read.string(api, body, 'video_url') };
    }
    const filename = filenameFromDisposition(response.headers['content-disposition']);
    return { contentType, ...(filename === undefined ? {} : { filename }), data: response.body };
  }

  async getUserInfo(
    accessToken: string,
    openId: string,
    lang: OaUserLanguage = 'zh_CN',
  ): Promise<OaUserInfo> {
    const api = 'cgi-bin/user/info';
    const body = await this.api.json(api, {
      method: 'GET',
      path: '/cgi-bin/user/info',
      query: { access_token: accessToken, openid: openId, lang },
    });
    return toUserInfo(api, body);
  }

  /** Up to 100 users per call. */
  async batchGetUserInfo(
    accessToken: string,
    openIds: string[],
    lang: OaUserLanguage = 'zh_CN',
  ): Promise<OaUserInfo[]> {
    const api = 'cgi-bin/user/info/batchget';
    const body = await this.post('user/info/batchget', accessToken, {
      user_list: openIds.map((openid) => ({ openid, lang })),
    });
    return read
      .array(api, body, 'user_info_list')
      .map((item) => toUserInfo(api, read.object(api, item, 'a user')));
  }

  async updateUserRemark(accessToken: string, openId: string, remark: string): Promise<void> {
    await this.post('user/info/updateremark', accessToken, { openid: openId, remark });
  }

  async createMenu(accessToken: string, menu: OaMenu): Promise<void> {
    await this.post('menu/create', accessToken, menu);
  }

  /** The menu as WeChat returns it (`{ menu: { button }, conditionalmenu? }`). */
  async getMenu(accessToken: string): Promise<JsonObject> {
    return this.get('menu/get', accessToken);
  }

  /** Also deletes personalised menus. */
  async deleteMenu(accessToken: string): Promise<void> {
    await this.get('menu/delete', accessToken);
  }

  async createQrCode(accessToken: string, request: OaQrCodeRequest): Promise<OaQrCode> {
    const api = 'cgi-bin/qrcode/create';
    const scene = 'sceneId' in request ? { scene_id: request.sceneId } : { scene_str: request.sceneStr };
    const actionName =
      request.kind === 'temporary'
        ? 'sceneId' in request
          ? 'QR_SCENE'
          : 'QR_STR_SCENE'
        : 'sceneId' in request
          ? 'QR_LIMIT_SCENE'
          : 'QR_LIMIT_STR_SCENE';
    const body = await this.post('qrcode/create', accessToken, {
      ...(request.kind === 'temporary' && request.expireSeconds !== undefined
        ? { expire_seconds: request.expireSeconds }
        : {}),
      action_name: actionName,
      action_info: { scene },
    });
    const ticket = read.string(api, body, 'ticket');
    const expireSeconds = read.optionalNumber(api, body, 'expire_seconds');
    return {
      ticket,
      ...(expireSeconds === undefined ? {} : { expireSeconds }),
      url: read.string(api, body, 'url'),
      imageUrl: `${this.qrImageBaseUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`,
    };
  }

  /** Source IPs WeChat calls the callback URL from. */
  async getCallbackIp(accessToken: string): Promise<string[]> {
    return read.stringList('cgi-bin/getcallbackip', await this.get('getcallbackip', accessToken), 'ip_list');
  }

  /** IPs of api.weixin.qq.com, for an egress allow-list. */
  async getApiDomainIp(accessToken: string): Promise<string[]> {
    return read.stringList(
      'cgi-bin/get_api_domain_ip',
      await this.get('get_api_domain_ip', accessToken),
      'ip_list',
    );
  }

  private post(path: string, accessToken: string, json: unknown): Promise<JsonObject> {
    return this.api.json(`cgi-bin/${path}`, {
      method: 'POST',
      path: `/cgi-bin/${path}`,
      query: { access_token: accessToken },
      json,
    });
  }

  private get(path: string, accessToken: string): Promise<JsonObject> {
    return this.api.json(`cgi-bin/${path}`, {
      method: 'GET',
      path: `/cgi-bin/${path}`,
      query: { access_token: accessToken },
    });
  }
}

function toUserInfo(api: string, body: JsonObject): OaUserInfo {
  const tagIds = Array.isArray(body.tagid_list)
    ? body.tagid_list.filter((id): id is number => typeof id === 'number')
    : [];
  const info: OaUserInfo = {
    openId: read.string(api, body, 'openid'),
    subscribed: body.subscribe === 1 || body.subscribe === '1',
    tagIds,
    raw: body,
  };
  const strings: Array<[keyof OaUserInfo, string]> = [
    ['language', 'language'],
    ['unionId', 'unionid'],
    ['remark', 'remark'],
    ['subscribeScene', 'subscribe_scene'],
    ['qrSceneStr', 'qr_scene_str'],
    ['nickname', 'nickname'],
    ['headImgUrl', 'headimgurl'],
  ];
  for (const [name, key] of strings) {
    const value = body[key];
    if (typeof value === 'string' && value !== '') Object.assign(info, { [name]: value });
  }
  const numbers: Array<[keyof OaUserInfo, string]> = [
    ['subscribeTime', 'subscribe_time'],
    ['groupId', 'groupid'],
    ['qrScene', 'qr_scene'],
  ];
  for (const [name, key] of numbers) {
    const value = body[key];
    if (typeof value === 'number' && Number.isFinite(value)) Object.assign(info, { [name]: value });
  }
  return info;
}
