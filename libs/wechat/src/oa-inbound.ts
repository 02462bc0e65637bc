import { WechatXmlError } from './errors.js';
import { parseXmlDocument, type ParseXmlOptions } from './xml.js';
import {
  child,
  list,
  nonEmpty,
  numberOf,
  text,
  textIgnoringCase,
  isRecord,
  type XmlRecord,
} from './xml-fields.js';

/** Fields every OA push carries (spec §3). */
export interface OaMessageBase {
  toUserName: string;
  fromUserName: string;
  /** Unix seconds; 0 when WeChat left it out. */
  createTime: number;
  /** Every field of the push as parsed, for storage and for fields this library does not type. */
  raw: Record<string, unknown>;
}

/** Ordinary (non-event) messages (spec §3.1). */
export interface OaOrdinaryBase extends OaMessageBase {
  /** 64-bit integer kept as a string; '' if WeChat left it out (then oaDedupeKey falls back to the composite key). */
  msgId: string;
  /** Set when the message originates from an article. */
  msgDataId?: string;
  idx?: string;
}

export interface OaText extends OaOrdinaryBase {
  type: 'text';
  content: string;
  /** Set when the text was produced by tapping a msgmenu item. */
  bizMsgMenuId?: string;
}

export interface OaImage extends OaOrdinaryBase {
  type: 'image';
  picUrl: string;
  mediaId: string;
}

export interface OaVoice extends OaOrdinaryBase {
  type: 'voice';
  mediaId: string;
  format: string;
  /** Speech-to-text, only when the OA enabled recognition. */
  recognition?: string;
}

export interface OaVideo extends OaOrdinaryBase {
  type: 'video';
  mediaId: string;
  thumbMediaId: string;
}

export interface OaShortVideo extends OaOrdinaryBase {
  type: 'shortvideo';
  mediaId: string;
  thumbMediaId: string;
}

export interface OaLocation extends OaOrdinaryBase {
  type: 'location';
  /** Location_X; null when missing or not a number. */
  latitude: number | null;
  /** Location_Y; null when missing or not a number. */
  longitude: number | null;
  scale: number | null;
  label: string;
}

export interface OaLink extends OaOrdinaryBase {
  type: 'link';
  title: string;
  description: string;
  url: string;
}

/**
 * Every event (spec §3.2) is an OaEvent, known or not. Which optional fields are set depends on `event`:
 * - `subscribe`: `eventKey`, `ticket`, and `qrScene` (the scene without "qrscene_") for a QR follow
 * - `unsubscribe`: nothing more
 * - `SCAN`: `eventKey` and `qrScene` (the scene), `ticket`
 * - `LOCATION`: `latitude`, `longitude`, `precision`
 * - `CLICK`: `eventKey` (the menu key); `VIEW`: `eventKey` and `url` (the target), `menuId`
 * - `view_miniprogram`: `eventKey` (page path), `menuId`
 * - `scancode_push` / `scancode_waitmsg`: `scanCodeInfo`; `pic_*`: `sendPicsInfo`; `location_select`: `sendLocationInfo`
 * - `TEMPLATESENDJOBFINISH` / `MASSSENDJOBFINISH`: `msgId`, `status`
 * - legacy `kf_create_session` / `kf_close_session`: `kfAccount`; `kf_switch_session`: `fromKfAccount`, `toKfAccount`
 * Anything else is in `raw`.
 */
export interface OaEvent extends OaMessageBase {
  type: 'event';
  /** As sent; case matters (`subscribe` but `SCAN`, `LOCATION`, `CLICK`, `VIEW`). */
  event: string;
  eventKey?: string;
  msgId?: string;
  ticket?: string;
  qrScene?: string;
  latitude?: number;
  longitude?: number;
  precision?: number;
  menuId?: string;
  url?: string;
  scanCodeInfo?: { scanType: string; scanResult: string };
  sendPicsInfo?: { count: number; picMd5Sums: string[] };
  sendLocationInfo?: {
    latitude?: number;
    longitude?: number;
    scale?: number;
    label: string;
    poiName: string;
  };
  status?: string;
  kfAccount?: string;
  fromKfAccount?: string;
  toKfAccount?: string;
}

/** Any MsgType this library does not know (e.g. miniprogrampage, device_*): kept, never an exception. */
export interface OaUnsupported extends OaMessageBase {
  type: 'unsupported';
  msgType: string;
  msgId?: string;
}

export type OaInboundMessage =
  OaText | OaImage | OaVoice | OaVideo | OaShortVideo | OaLocation | OaLink | OaEvent | OaUnsupported;

const QR_SCENE_PREFIX = 'qrscene_';

/** Parses one decrypted OA push. Throws WechatXmlError only for bad XML or a missing From/To/MsgType. */
export function parseOaMessage(xml: string, options?: ParseXmlOptions): OaInboundMessage {
  return toOaMessage(parseXmlDocument(xml, options));
}

/** The typed message of an already parsed push document. */
export function toOaMessage(doc: XmlRecord): OaInboundMessage {
  const base: OaMessageBase = {
    toUserName: required(doc, 'ToUserName'),
    fromUserName: required(doc, 'FromUserName'),
    createTime: numberOf(text(doc, 'CreateTime')) ?? 0,
    raw: doc,
  };
  const msgType = required(doc, 'MsgType');
  if (msgType === 'event') return toOaEvent(doc, base);

  const msgId = textIgnoringCase(doc, 'MsgId');
  const ordinary: OaOrdinaryBase = {
    ...base,
    msgId: msgId ?? '',
    ...optional('msgDataId', nonEmpty(text(doc, 'MsgDataId'))),
    ...optional('idx', nonEmpty(text(doc, 'Idx'))),
  };
  const field = (name: string) => text(doc, name) ?? '';
  switch (msgType) {
    case 'text':
      return {
        ...ordinary,
        type: 'text',
        content: field('Content'),
        ...optional('bizMsgMenuId', nonEmpty(text(doc, 'bizmsgmenuid'))),
      };
    case 'image':
      return { ...ordinary, type: 'image', picUrl: field('PicUrl'), mediaId: field('MediaId') };
    case 'voice':
      return {
        ...ordinary,
        type: 'voice',
        mediaId: field('MediaId'),
        format: field('Format'),
        ...optional('recognition', nonEmpty(text(doc, 'Recognition'))),
      };
    case 'video':
    case 'shortvideo':
      return { ...ordinary, type: msgType, mediaId: field('MediaId'), thumbMediaId: field('ThumbMediaId') };
    case 'location':
      return {
        ...ordinary,
        type: 'location',
        latitude: numberOf(text(doc, 'Location_X')) ?? null,
        longitude: numberOf(text(doc, 'Location_Y')) ?? null,
        scale: numberOf(text(doc, 'Scale')) ?? null,
        label: field('Label'),
      };
    case 'link':
      return {
        ...ordinary,
        type: 'link',
        title: field('Title'),
        description: field('Description'),
        url: field('Url'),
      };
    default:
      return { ...base, type: 'unsupported', msgType, ...optional('msgId', nonEmpty(msgId)) };
  }
}

function toOaEvent(doc: XmlRecord, base: OaMessageBase): OaEvent {
  const event = text(doc, 'Event') ?? '';
  const eventKey = text(doc, 'EventKey');
  const result: OaEvent = {
    ...base,
    type: 'event',
    event,
    ...optional('eventKey', eventKey),
    ...optional('msgId', nonEmpty(textIgnoringCase(doc, 'MsgId'))),
    ...optional('ticket', nonEmpty(text(doc, 'Ticket'))),
  };
  switch (event) {
    case 'subscribe':
      if (eventKey?.startsWith(QR_SCENE_PREFIX)) result.qrScene = eventKey.slice(QR_SCENE_PREFIX.length);
      break;
    case 'SCAN':
      if (eventKey !== undefined) result.qrScene = eventKey;
      break;
    case 'LOCATION':
      Object.assign(
        result,
        optional('latitude', numberOf(text(doc, 'Latitude'))),
        optional('longitude', numberOf(text(doc, 'Longitude'))),
        optional('precision', numberOf(text(doc, 'Precision'))),
      );
      break;
    case 'VIEW':
      if (eventKey !== undefined) result.url = eventKey;
      break;
    case 'TEMPLATESENDJOBFINISH':
    case 'MASSSENDJOBFINISH':
      Object.assign(result, optional('status', text(doc, 'Status')));
      break;
    case 'kf_create_session':
    case 'kf_close_session':
      Object.assign(result, optional('kfAccount', text(doc, 'KfAccount')));
      break;
    case 'kf_switch_session':
      Object.assign(
        result,
        optional('fromKfAccount', text(doc, 'FromKfAccount')),
        optional('toKfAccount', text(doc, 'ToKfAccount')),
      );
      break;
  }
  Object.assign(result, optional('menuId', nonEmpty(text(doc, 'MenuId'))));
  const scan = child(doc, 'ScanCodeInfo');
  if (scan)
    result.scanCodeInfo = {
      scanType: text(scan, 'ScanType') ?? '',
      scanResult: text(scan, 'ScanResult') ?? '',
    };
  const pics = child(doc, 'SendPicsInfo');
  if (pics) result.sendPicsInfo = toPicsInfo(pics);
  const location = child(doc, 'SendLocationInfo');
  if (location) {
    result.sendLocationInfo = {
      ...optional('latitude', numberOf(text(location, 'Location_X'))),
      ...optional('longitude', numberOf(text(location, 'Location_Y'))),
      ...optional('scale', numberOf(text(location, 'Scale'))),
      label: text(location, 'Label') ?? '',
      poiName: text(location, 'Poiname') ?? '',
    };
  }
  return result;
}

function toPicsInfo(pics: XmlRecord): { count: number; picMd5Sums: string[] } {
  const picList = child(pics, 'PicList');
  const items = picList ? list(picList.item) : [];
  const picMd5Sums = items.flatMap((item) => {
    const sum = isRecord(item) ? text(item, 'PicMd5Sum') : undefined;
    return sum === undefined ? [] : [sum];
  });
  return { count: numberOf(text(pics, 'Count')) ?? picMd5Sums.length, picMd5Sums };
}

/**
 * The idempotency key of a push (spec §4.1): MsgId for messages; for events, which have none,
 * (ToUserName, FromUserName, CreateTime, Event, EventKey) since two events can share a second.
 */
export function oaDedupeKey(message: OaInboundMessage): string {
  if (message.msgId) return message.msgId;
  const kind =
    message.type === 'event'
      ? message.event
      : message.type === 'unsupported'
        ? message.msgType
        : message.type;
  const eventKey = message.type === 'event' ? (message.eventKey ?? '') : '';
  return `${message.toUserName}|${message.fromUserName}|${message.createTime}|${kind}|${eventKey}`;
}

function required(doc: XmlRecord, name: string): string {
  const value = text(doc, name);
  if (value === undefined || value === '')
    throw new WechatXmlError('missing-field', `the push has no ${name}`);
  return value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
