import { WechatTransportError } from './errors.js';

/** 3 = from the WeChat customer, 4 = system event, 5 = sent by a servicer in the WeCom app (spec §6.6). */
export type KfOrigin = 3 | 4 | 5 | (number & {});

export const KfOrigin = { Customer: 3, Event: 4, Servicer: 5 } as const;

/** Fields every kf/sync_msg item carries. */
export interface KfItemBase {
  /** The dedupe key: an item can re-appear in later pulls. */
  msgId: string;
  openKfId: string;
  /** '' for events that concern no customer (servicer_status_change). */
  externalUserId: string;
  /** Unix seconds. */
  sendTime: number;
  origin: KfOrigin;
  /** For origin 5. */
  servicerUserId?: string;
  raw: Record<string, unknown>;
}

export type KfEnterSessionEvent = {
  eventType: 'enter_session';
  scene?: string;
  sceneParam?: string;
  /** Only when WeCom expects us to greet: send within 20 s with kf/send_msg_on_event. */
  welcomeCode?: string;
  wechatChannels?: { nickname?: string; shopNickname?: string; scene?: number };
};

export type KfMsgSendFailEvent = {
  eventType: 'msg_send_fail';
  failMsgId: string;
  /** 0 unknown, 1 account deleted, 2 app closed, 4 session expired, 5 session closed, 6 over the 5-message limit, 7–9 corp qualification, 10 user rejected, 11 no member logged in. */
  failType: number;
};

export type KfServicerStatusChangeEvent = {
  eventType: 'servicer_status_change';
  servicerUserId: string;
  /** [conflict, spec §6.6] 1 receiving / 2 stopped (silenceper) vs 0 / 1 (wecom-sdk): passed through as sent. */
  status: number;
  /** When stopped: 0 stopped, 1 paused. */
  stopType?: number;
};

export type KfSessionStatusChangeEvent = {
  eventType: 'session_status_change';
  /** 1 taken from the pool, 2 transferred, 3 ended, 4 re-entered. */
  changeType: number;
  oldServicerUserId?: string;
  newServicerUserId?: string;
  /** For change types 1 and 3: send the greeting / closing with kf/send_msg_on_event. */
  msgCode?: string;
};

export type KfUserRecallEvent = { eventType: 'user_recall_msg'; recallMsgId: string };
export type KfServicerRecallEvent = {
  eventType: 'servicer_recall_msg';
  recallMsgId: string;
  servicerUserId: string;
};
export type KfRejectSwitchEvent = {
  eventType: 'reject_customer_msg_switch_change';
  servicerUserId: string;
  /** 1 rejects the customer's messages, 0 cancels that. */
  rejectSwitch: number;
};
export type KfUnknownEvent = { eventType: 'unknown'; name: string };

export type KfEvent = (
  | KfEnterSessionEvent
  | KfMsgSendFailEvent
  | KfServicerStatusChangeEvent
  | KfSessionStatusChangeEvent
  | KfUserRecallEvent
  | KfServicerRecallEvent
  | KfRejectSwitchEvent
  | KfUnknownEvent
) & { openKfId?: string; externalUserId?: string };

export interface KfMergedMsgItem {
  sendTime: number;
  msgtype: string;
  senderName: string;
  /** A JSON string in the platform's format, as sent. */
  msgContent: string;
}

/** Body fields per msgtype (spec §6.6), flattened into the item. */
export type KfSyncItem = KfItemBase &
  (
    | { msgtype: 'text'; content: string; menuId?: string }
    | { msgtype: 'image' | 'voice' | 'video' | 'file'; mediaId: string }
    | {
        msgtype: 'location';
        latitude: number | null;
        longitude: number | null;
        name: string;
        address: string;
      }
    | { msgtype: 'link'; title: string; desc: string; url: string; picUrl: string }
    | { msgtype: 'business_card'; userId: string }
    | { msgtype: 'miniprogram'; title: string; appId: string; pagePath: string; thumbMediaId: string }
    | { msgtype: 'msgmenu'; headContent: string; list: unknown[]; tailContent: string }
    | {
        msgtype: 'channels_shop_product';
        productId: string;
        headImg: string;
        title: string;
        /** In fen. */
        salesPrice: string;
        shopNickname: string;
        shopHeadImg: string;
      }
    | {
        msgtype: 'channels_shop_order';
        orderId: string;
        productTitles: string;
        priceWording: string;
        state: string;
        imageUrl: string;
        shopNickname: string;
      }
    | { msgtype: 'merged_msg'; title: string; items: KfMergedMsgItem[] }
    | { msgtype: 'channels'; subType: number | null; nickname: string; title: string }
    | { msgtype: 'event'; event: KfEvent }
    /** meeting, schedule, note, ca_link and whatever comes next: kept whole in `raw`. */
    | { msgtype: 'unsupported'; originalMsgtype: string }
  );

type Json = Record<string, unknown>;

/**
 * Validates and types one `msg_list` item. Only a missing msgid or msgtype is refused (WechatTransportError
 * 'invalid-response'); other gaps become defaults so one odd item cannot block the cursor forever.
 */
export function parseKfSyncItem(json: unknown): KfSyncItem {
  if (!isJson(json)) throw invalid('an item is not an object');
  const msgId = json.msgid;
  const msgtype = json.msgtype;
  if (typeof msgId !== 'string' || msgId === '') throw invalid('an item has no msgid');
  if (typeof msgtype !== 'string' || msgtype === '') throw invalid(`item ${msgId} has no msgtype`);
  const body = isJson(json[msgtype]) ? (json[msgtype] as Json) : {};
  const eventBody = msgtype === 'event' ? body : {};
  const servicerUserId = str(json, 'servicer_userid');
  const base: KfItemBase = {
    msgId,
    openKfId: str(json, 'open_kfid') ?? str(eventBody, 'open_kfid') ?? '',
    externalUserId: str(json, 'external_userid') ?? str(eventBody, 'external_userid') ?? '',
    sendTime: num(json, 'send_time') ?? 0,
    origin: num(json, 'origin') ?? 0,
    ...(servicerUserId ? { servicerUserId } : {}),
    raw: json,
  };
  const s = (key: string) => str(body, key) ?? '';
  switch (msgtype) {
    case 'text': {
      const menuId = str(body, 'menu_id');
      return { ...base, msgtype, content: s('content'), ...(menuId ? { menuId } : {}) };
    }
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      return { ...base, msgtype, mediaId: s('media_id') };
    case 'location':
      return {
        ...base,
        msgtype,
        latitude: num(body, 'latitude') ?? null,
        longitude: num(body, 'longitude') ?? null,
        name: s('name'),
        address: s('address'),
      };
    case 'link':
      return { ...base, msgtype, title: s('title'), desc: s('desc'), url: s('url'), picUrl: s('pic_url') };
    case 'business_card':
      return { ...base, msgtype, userId: s('userid') };
    case 'miniprogram':
      return {
        ...base,
        msgtype,
        title: s('title'),
        appId: s('appid'),
        pagePath: s('pagepath'),
        thumbMediaId: s('thumb_media_id'),
      };
    case 'msgmenu':
      return {
        ...base,
        msgtype,
        headContent: s('head_content'),
        list: Array.isArray(body.list) ? body.list : [],
        tailContent: s('tail_content'),
      };
    case 'channels_shop_product':
      return {
        ...base,
        msgtype,
        productId: s('product_id'),
        headImg: s('head_img'),
        title: s('title'),
        salesPrice: s('sales_price'),
        shopNickname: s('shop_nickname'),
        shopHeadImg: s('shop_head_img'),
      };
    case 'channels_shop_order':
      return {
        ...base,
        msgtype,
        orderId: s('order_id'),
        productTitles: s('product_titles'),
        priceWording: s('price_wording'),
        state: s('state'),
        imageUrl: s('image_url'),
        shopNickname: s('shop_nickname'),
      };
    case 'merged_msg':
      return { ...base, msgtype, title: s('title'), items: mergedItems(body.item) };
    case 'channels':
      return {
        ...base,
        msgtype,
        subType: num(body, 'sub_type') ?? null,
        nickname: s('nickname'),
        title: s('title'),
      };
    case 'event':
      return { ...base, msgtype, event: parseKfEvent(body) };
    default:
      return { ...base, msgtype: 'unsupported', originalMsgtype: msgtype };
  }
}

export function parseKfEvent(body: Json): KfEvent {
  const name = str(body, 'event_type') ?? '';
  const s = (key: string) => str(body, key) ?? '';
  const optionalStr = (key: string, as: string) => {
    const value = str(body, key);
    return value ? { [as]: value } : {};
  };
  const scope = {
    ...optionalStr('open_kfid', 'openKfId'),
    ...optionalStr('external_userid', 'externalUserId'),
  };
  switch (name) {
    case 'enter_session': {
      const channels = isJson(body.wechat_channels) ? body.wechat_channels : undefined;
      return {
        eventType: name,
        ...scope,
        ...optionalStr('scene', 'scene'),
        ...optionalStr('scene_param', 'sceneParam'),
        ...optionalStr('welcome_code', 'welcomeCode'),
        ...(channels
          ? {
              wechatChannels: {
                ...(str(channels, 'nickname') === undefined ? {} : { nickname: str(channels, 'nickname') }),
                ...(str(channels, 'shop_nickname') === undefined
                  ? {}
                  : { shopNickname: str(channels, 'shop_nickname') }),
                ...(num(channels, 'scene') === undefined ? {} : { scene: num(channels, 'scene') }),
              },
            }
          : {}),
      };
    }
    case 'msg_send_fail':
      return { eventType: name, ...scope, failMsgId: s('fail_msgid'), failType: num(body, 'fail_type') ?? 0 };
    case 'servicer_status_change': {
      const stopType = num(body, 'stop_type');
      return {
        eventType: name,
        ...scope,
        servicerUserId: s('servicer_userid'),
        status: num(body, 'status') ?? 0,
        ...(stopType === undefined ? {} : { stopType }),
      };
    }
    case 'session_status_change':
      return {
        eventType: name,
        ...scope,
        changeType: num(body, 'change_type') ?? 0,
        ...optionalStr('old_servicer_userid', 'oldServicerUserId'),
        ...optionalStr('new_servicer_userid', 'newServicerUserId'),
        ...optionalStr('msg_code', 'msgCode'),
      };
    case 'user_recall_msg':
      return { eventType: name, ...scope, recallMsgId: s('recall_msgid') };
    case 'servicer_recall_msg':
      return {
        eventType: name,
        ...scope,
        recallMsgId: s('recall_msgid'),
        servicerUserId: s('servicer_userid'),
      };
    case 'reject_customer_msg_switch_change':
      return {
        eventType: name,
        ...scope,
        servicerUserId: s('servicer_userid'),
        rejectSwitch: num(body, 'reject_switch') ?? 0,
      };
    default:
      return { eventType: 'unknown', ...scope, name };
  }
}

function mergedItems(value: unknown): KfMergedMsgItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isJson).map((item) => ({
    sendTime: num(item, 'send_time') ?? 0,
    msgtype: str(item, 'msgtype') ?? '',
    senderName: str(item, 'sender_name') ?? '',
    msgContent: str(item, 'msg_content') ?? '',
  }));
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(body: Json, key: string): string | undefined {
  const value = Object.hasOwn(body, key) ? body[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Numbers sometimes arrive as numeric strings. */
function num(body: Json, key: string): number | undefined {
  const value = Object.hasOwn(body, key) ? body[key] : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function invalid(message: string): WechatTransportError {
  return new WechatTransportError('kf/sync_msg', 'invalid-response', `unexpected response: ${message}`);
}
