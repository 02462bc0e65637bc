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
import type { AccessTokenResult, MediaFile, UploadedMedia } from './oa-api-types.js';
import type {
  KfAccount,
  KfCustomer,
  KfServiceState,
  KfServicer,
  KfServicerResult,
  KfSyncMsgRequest,
  WecomMediaType,
} from './wecom-api-types.js';
import { parseKfSyncItem, type KfSyncItem } from './wecom-kf-inbound.js';
import { filenameFromDisposition } from './media-filename.js';
import type { KfSendMsgOnEventRequest, KfSendMsgRequest } from './wecom-kf-message.js';

// On gettoken 40001 means the secret is wrong, not that a token went stale: never retry it.
const TOKEN_ENDPOINT_OVERRIDES = new Map<number, { category: WechatErrorCategory; description: string }>([
  [
    40001,
    {
      category: 'configuration',
      description: 'The WeCom secret is wrong; paste the current Customer Service secret.',
    },
  ],
]);

/** WeCom's API for WeChat Customer Service (spec §6), host qyapi.weixin.qq.com. */
export class WecomApiClient {
  private readonly api: ApiCaller;

  constructor(options: ApiClientOptions) {
    this.api = new ApiCaller(options);
  }

  async getAccessToken(creds: { corpId: string; secret: string }): Promise<AccessTokenResult> {
    const api = 'cgi-bin/gettoken';
    const body = await this.api.json(api, {
      method: 'GET',
      path: '/cgi-bin/gettoken',
      query: { corpid: creds.corpId, corpsecret: creds.secret },
      categoryOverrides: TOKEN_ENDPOINT_OVERRIDES,
    });
    return tokenResult(api, body);
  }

  async listKfAccounts(
    accessToken: string,
    page: { offset?: number; limit?: number } = {},
  ): Promise<KfAccount[]> {
    const api = 'kf/account/list';
    const body = await this.post(api, accessToken, { offset: page.offset ?? 0, limit: page.limit ?? 100 });
    return read.array(api, body, 'account_list').map((item) => {
      const account = read.object(api, item, 'an account');
      const managePrivilege = account.manage_privilege;
      return {
        openKfId: read.string(api, account, 'open_kfid'),
        name: read.optionalString(api, account, 'name') ?? '',
        avatar: read.optionalString(api, account, 'avatar') ?? '',
        ...(typeof managePrivilege === 'boolean' ? { managePrivilege } : {}),
      };
    });
  }

  /** `mediaId`: the avatar, uploaded as temporary media. */
  async addKfAccount(
    accessToken: string,
    account: { name: string; mediaId: string },
  ): Promise<{ openKfId: string }> {
    const api = 'kf/account/add';
    const body = await this.post(api, accessToken, { name: account.name, media_id: account.mediaId });
    return { openKfId: read.string(api, body, 'open_kfid') };
  }

  async updateKfAccount(
    accessToken: string,
    account: { openKfId: string; name?: string; mediaId?: string },
  ): Promise<void> {
    await this.post('kf/account/update', accessToken, {
      open_kfid: account.openKfId,
      ...(account.name === undefined ? {} : { name: account.name }),
      ...(account.mediaId === undefined ? {} : { media_id: account.mediaId }),
    });
  }

  async deleteKfAccount(accessToken: string, openKfId: string): Promise<void> {
    await this.post('kf/account/del', accessToken, { open_kfid: openKfId });
  }

  /** The chat link; `scene` (≤32 bytes, [0-9a-zA-Z_-]) comes back in enter_session. */
  async addContactWay(
    accessToken: string,
    args: { openKfId: string; scene?: string },
  ): Promise<{ url: string }> {
    const api = 'kf/add_contact_way';
    const body = await this.post(api, accessToken, {
      open_kfid: args.openKfId,
      ...(args.scene === undefined ? {} : { scene: args.scene }),
    });
    return { url: read.string(api, body, 'url') };
  }

  async listServicers(accessToken: string, openKfId: string): Promise<KfServicer[]> {
    const api = 'kf/servicer/list';
    const body = await this.api.json(api, {
      method: 'GET',
      path: '/cgi-bin/kf/servicer/list',
      query: { access_token: accessToken, open_kfid: openKfId },
    });
    return read.array(api, body, 'servicer_list').map((item) => {
      const servicer = read.object(api, item, 'a servicer');
      const userId = read.optionalString(api, servicer, 'userid');
      const departmentId = read.optionalNumber(api, servicer, 'department_id');
      const stopType = read.optionalNumber(api, servicer, 'stop_type');
      return {
        ...(userId === undefined ? {} : { userId }),
        ...(departmentId === undefined ? {} : { departmentId }),
        status: read.optionalNumber(api, servicer, 'status') ?? 0,
        ...(stopType === undefined ? {} : { stopType }),
      };
    });
  }

  async addServicers(accessToken: string, openKfId: string, userIds: string[]): Promise<KfServicerResult[]> {
    return this.changeServicers('kf/servicer/add', accessToken, openKfId, userIds);
  }

  async removeServicers(
    accessToken: string,
    openKfId: string,
    userIds: string[],
  ): Promise<KfServicerResult[]> {
    return this.changeServicers('kf/servicer/del', accessToken, openKfId, userIds);
  }

  /** Accepts both `servicer_userid` and `service_userid` in the answer [conflict, spec §6.5]. */
  async getServiceState(
    accessToken: string,
    args: { openKfId: string; externalUserId: string },
  ): Promise<{ serviceState: KfServiceState; servicerUserId?: string }> {
    const api = 'kf/service_state/get';
    const body = await this.post(api, accessToken, {
      open_kfid: args.openKfId,
      external_userid: args.externalUserId,
    });
    const serviceState = read.number(api, body, 'service_state');
    if (![0, 1, 2, 3, 4].includes(serviceState)) {
      throw read.invalid(api, `service_state ${serviceState} is not 0..4`);
    }
    const servicerUserId =
      read.optionalString(api, body, 'servicer_userid') ||
      read.optionalString(api, body, 'service_userid') ||
      undefined;
    return { serviceState: serviceState as KfServiceState, ...(servicerUserId ? { servicerUserId } : {}) };
  }

  /** `msgCode` comes back when the move allows a queue / closing message (use with sendMsgOnEvent). */
  async transServiceState(
    accessToken: string,
    args: { openKfId: string; externalUserId: string; serviceState: KfServiceState; servicerUserId?: string },
  ): Promise<{ msgCode?: string }> {
    const api = 'kf/service_state/trans';
    const body = await this.post(api, accessToken, {
      open_kfid: args.openKfId,
      external_userid: args.externalUserId,
      service_state: args.serviceState,
      ...(args.servicerUserId === undefined ? {} : { servicer_userid: args.servicerUserId }),
    });
    const msgCode = read.optionalString(api, body, 'msg_code');
    return msgCode ? { msgCode } : {};
  }

  /** One page; loop while `hasMore` (an empty page with hasMore is possible) and persist `nextCursor` each time. */
  async syncMsg(
    accessToken: string,
    request: KfSyncMsgRequest = {},
  ): Promise<{ nextCursor: string; hasMore: boolean; items: KfSyncItem[] }> {
    const api = 'kf/sync_msg';
    const body = await this.post(api, accessToken, {
      ...(request.cursor ? { cursor: request.cursor } : {}),
      ...(request.token ? { token: request.token } : {}),
      ...(request.limit === undefined ? {} : { limit: request.limit }),
      ...(request.voiceFormat === undefined ? {} : { voice_format: request.voiceFormat }),
      ...(request.openKfId ? { open_kfid: request.openKfId } : {}),
    });
    const hasMore = body.has_more;
    if (hasMore !== 0 && hasMore !== 1 && typeof hasMore !== 'boolean') {
      throw read.invalid(api, 'has_more is not 0 or 1');
    }
    return {
      nextCursor: read.optionalString(api, body, 'next_cursor') ?? '',
      hasMore: hasMore === 1 || hasMore === true,
      items: read.array(api, body, 'msg_list').map(parseKfSyncItem),
    };
  }

  /** Only while the session state is 0 or 1, within 48 h and 5 messages of the customer's last message. */
  async sendMsg(accessToken: string, request: KfSendMsgRequest): Promise<{ msgId: string }> {
    const api = 'kf/send_msg';
    const body = await this.post(api, accessToken, request);
    return {
      msgId: read.optionalString(api, body, 'msgid') || request.msgid || read.string(api, body, 'msgid'),
    };
  }

  async sendMsgOnEvent(accessToken: string, request: KfSendMsgOnEventRequest): Promise<{ msgId: string }> {
    const api = 'kf/send_msg_on_event';
    const body = await this.post(api, accessToken, request);
    return {
      msgId: read.optionalString(api, body, 'msgid') || request.msgid || read.string(api, body, 'msgid'),
    };
  }

  async batchGetCustomers(
    accessToken: string,
    externalUserIds: string[],
    needEnterSessionContext = false,
  ): Promise<{ customers: KfCustomer[]; invalidExternalUserIds: string[] }> {
    const api = 'kf/customer/batchget';
    const body = await this.post(api, accessToken, {
      external_userid_list: externalUserIds,
      need_enter_session_context: needEnterSessionContext ? 1 : 0,
    });
    return {
      customers: read
        .array(api, body, 'customer_list')
        .map((item) => toCustomer(api, read.object(api, item, 'a customer'))),
      invalidExternalUserIds:
        body.invalid_external_userid === undefined
          ? []
          : read.stringList(api, body, 'invalid_external_userid'),
    };
  }

  /** Temporary media (3 days), every file > 5 bytes. Image 10 MB [conflict: 2 MB in older docs], voice 2 MB AMR, video 10 MB, file 20 MB. */
  async uploadMedia(accessToken: string, type: WecomMediaType, file: MediaFile): Promise<UploadedMedia> {
    const api = 'cgi-bin/media/upload';
    const body = await this.api.json(api, {
      method: 'POST',
      path: '/cgi-bin/media/upload',
      query: { access_token: accessToken, type },
      multipart: { field: 'media', filename: file.filename, contentType: file.contentType, data: file.data },
    });
    return { mediaId: read.string(api, body, 'media_id'), createdAt: read.number(api, body, 'created_at') };
  }

  async getMedia(
    accessToken: string,
    mediaId: string,
  ): Promise<{ contentType: string; filename?: string; data: Buffer }> {
    const api = 'cgi-bin/media/get';
    const response = await this.api.send(api, {
      method: 'GET',
      path: '/cgi-bin/media/get',
      query: { access_token: accessToken, media_id: mediaId },
    });
    const contentType = response.headers['content-type'] ?? 'application/octet-stream';
    if (/^(application\/json|text\/plain)/i.test(contentType)) {
      checkErrcode(api, parseJsonObject(api, response));
      throw read.invalid(api, 'a JSON answer without an error instead of the file');
    }
    const filename = filenameFromDisposition(response.headers['content-disposition']);
    return { contentType, ...(filename === undefined ? {} : { filename }), data: response.body };
  }

  private async changeServicers(
    api: string,
    accessToken: string,
    openKfId: string,
    userIds: string[],
  ): Promise<KfServicerResult[]> {
    const body = await this.post(api, accessToken, { open_kfid: openKfId, userid_list: userIds });
    return read.array(api, body, 'result_list').map((item) => {
      const result = read.object(api, item, 'a result');
      const userId = read.optionalString(api, result, 'userid');
      const departmentId = read.optionalNumber(api, result, 'department_id');
      return {
        ...(userId === undefined ? {} : { userId }),
        ...(departmentId === undefined ? {} : { departmentId }),
        errcode: read.optionalNumber(api, result, 'errcode') ?? 0,
        errmsg: read.optionalString(api, result, 'errmsg') ?? '',
      };
    });
  }

  private post(api: string, accessToken: string, json: unknown): Promise<JsonObject> {
    return this.api.json(api, {
      method: 'POST',
      path: `/cgi-bin/${api}`,
      query: { access_token: accessToken },
      json,
    });
  }
}

function toCustomer(api: string, body: JsonObject): KfCustomer {
  const unionId = read.optionalString(api, body, 'unionid');
  const context =
    typeof body.enter_session_context === 'object' && body.enter_session_context !== null
      ? (body.enter_session_context as JsonObject)
      : undefined;
  const channels =
    context && typeof context.wechat_channels === 'object' && context.wechat_channels !== null
      ? (context.wechat_channels as JsonObject)
      : undefined;
  const optional = <T>(key: string, value: T | undefined) =>
    value === undefined || value === '' ? {} : { [key]: value };
  return {
    externalUserId: read.string(api, body, 'external_userid'),
    nickname: read.optionalString(api, body, 'nickname') ?? '',
    avatar: read.optionalString(api, body, 'avatar') ?? '',
    gender: read.optionalNumber(api, body, 'gender') ?? 0,
    ...(unionId ? { unionId } : {}),
    ...(context
      ? {
          enterSessionContext: {
            ...optional('scene', read.optionalString(api, context, 'scene')),
            ...optional('sceneParam', read.optionalString(api, context, 'scene_param')),
            ...(channels
              ? {
                  wechatChannels: {
                    ...optional('nickname', read.optionalString(api, channels, 'nickname')),
                    ...optional('shopNickname', read.optionalString(api, channels, 'shop_nickname')),
                    ...optional('scene', read.optionalNumber(api, channels, 'scene')),
                  },
                }
              : {}),
          },
        }
      : {}),
    raw: body,
  };
}
