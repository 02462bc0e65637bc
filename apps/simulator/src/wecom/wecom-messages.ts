import { ControlError, isRecord } from '../http/http-types.js';
import { optionalNumber, optionalString } from '../http/validate.js';
import {
  CONTENT_TYPES,
  SAMPLE_AMR,
  SAMPLE_MP4,
  SAMPLE_PDF,
  SAMPLE_PNG,
  sniffFormat,
} from '../media/media-content.js';
import type { MediaStore } from '../media/media-store.js';
import { PlatformRefusal } from '../platform-errors.js';

/** What a simulated WeChat customer sends to a kf account, as it will appear in sync_msg. */
export interface KfCustomerInput {
  kind: 'message' | 'enter_session';
  msgtype: string;
  body: Record<string, unknown>;
  summary: string;
}

export function describeKfCustomerInput(
  input: unknown,
  ctx: {
    corpId: string;
    media: MediaStore;
    /** The scene and scene_param WeCom reads from a chat link the customer opened, or a refusal. */
    openContactLink: (url: string) => { scene: string; sceneParam: string };
  },
): KfCustomerInput {
  if (!isRecord(input)) throw new ControlError(400, 'Body must be a JSON object with a `type`');
  const type = optionalString(input, 'type');
  /**
   * What the customer picked (`data` base64, `filename`, and for files `contentType`) or a sample,
   * stored so the server can fetch it with media/get under its real name and type.
   */
  const media = (kind: 'image' | 'voice' | 'video' | 'file', sample: Buffer, name: string): string => {
    const given = optionalString(input, 'mediaId');
    if (given) {
      if (!ctx.media.get(ctx.corpId, given)) throw new ControlError(400, `Unknown media ${given}`);
      return given;
    }
    const base64 = optionalString(input, 'data');
    const data = base64 ? Buffer.from(base64, 'base64') : sample;
    if (data.length === 0) throw new ControlError(400, 'The file is empty');
    const format = sniffFormat(data);
    if (kind === 'image' && !['jpg', 'png', 'gif', 'bmp'].includes(format))
      throw new ControlError(400, 'An image must be a JPG, PNG, GIF or BMP file');
    const filename = optionalString(input, 'filename') ?? name;
    const contentType =
      kind === 'file' ? optionalString(input, 'contentType') || CONTENT_TYPES[format] : CONTENT_TYPES[format];
    return ctx.media.put(ctx.corpId, kind, filename, contentType, data).mediaId;
  };
  const message = (msgtype: string, body: Record<string, unknown>, summary: string): KfCustomerInput => ({
    kind: 'message',
    msgtype,
    body,
    summary,
  });
  switch (type ?? '') {
    case 'text': {
      const content = optionalString(input, 'content');
      if (!content) throw new ControlError(400, '`content` is required for text');
      const menuId = optionalString(input, 'menuId');
      return message('text', menuId ? { content, menu_id: menuId } : { content }, content);
    }
    case 'image':
      return message('image', { media_id: media('image', SAMPLE_PNG, 'photo.png') }, '[图片]');
    case 'voice':
      return message('voice', { media_id: media('voice', SAMPLE_AMR, 'voice.amr') }, '[语音]');
    case 'video':
      return message('video', { media_id: media('video', SAMPLE_MP4, 'video.mp4') }, '[视频]');
    case 'file':
      return message(
        'file',
        { media_id: media('file', SAMPLE_PDF, 'file.pdf') },
        `[文件] ${optionalString(input, 'filename') ?? 'file.pdf'}`,
      );
    case 'location': {
      const name = optionalString(input, 'name') ?? '天安门';
      return message(
        'location',
        {
          latitude: optionalNumber(input, 'latitude') ?? 39.9087,
          longitude: optionalNumber(input, 'longitude') ?? 116.3975,
          name,
          address: optionalString(input, 'address') ?? '北京市东城区',
        },
        `[位置] ${name}`,
      );
    }
    case 'link': {
      const url = optionalString(input, 'url');
      if (!url) throw new ControlError(400, '`url` is required for link');
      const title = optionalString(input, 'title') ?? url;
      return message(
        'link',
        {
          title,
          desc: optionalString(input, 'description') ?? '',
          url,
          pic_url: optionalString(input, 'picUrl') ?? '',
        },
        `[链接] ${title}`,
      );
    }
    case 'business_card':
      return message('business_card', { userid: optionalString(input, 'userid') ?? 'zhangsan' }, '[名片]');
    case 'miniprogram':
      return message(
        'miniprogram',
        {
          title: optionalString(input, 'title') ?? '小程序',
          appid: optionalString(input, 'appid') ?? 'wx0000000000000000',
          pagepath: optionalString(input, 'pagepath') ?? 'pages/index',
          thumb_media_id: media('image', SAMPLE_PNG, 'thumb.png'),
        },
        '[小程序]',
      );
    case 'enter_session': {
      const link = optionalString(input, 'contactUrl');
      const { scene, sceneParam } = link
        ? ctx.openContactLink(link)
        : {
            scene: optionalString(input, 'scene') ?? '',
            sceneParam: optionalString(input, 'sceneParam') ?? '',
          };
      return {
        kind: 'enter_session',
        msgtype: 'event',
        body: { scene, scene_param: sceneParam },
        summary: scene ? `[进入会话] ${scene}` : '[进入会话]',
      };
    }
    default:
      throw new ControlError(
        400,
        'Unknown type; use text, image, voice, video, file, location, link, business_card, miniprogram or enter_session',
      );
  }
}

export interface KfOutgoing {
  msgtype: string;
  payload: Record<string, unknown>;
  content?: string;
}

export type MediaCheck = (mediaId: unknown) => boolean;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Validates the message part of send_msg / send_msg_on_event (spec §6.7). */
export function parseKfOutgoing(
  body: Record<string, unknown>,
  mediaExists: MediaCheck,
  allowed?: readonly string[],
): KfOutgoing {
  const msgtype = body.msgtype;
  if (typeof msgtype !== 'string') throw new PlatformRefusal(40058, 'invalid msgtype');
  if (allowed && !allowed.includes(msgtype))
    throw new PlatformRefusal(40058, `msgtype ${msgtype} not allowed here`);
  const payload = body[msgtype];
  if (!isRecord(payload)) throw new PlatformRefusal(40058, `missing ${msgtype}`);
  const str = (key: string, max: number, required = true): void => {
    const value = payload[key];
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.length === 0 || bytes(value) > max)
      throw new PlatformRefusal(40058, `invalid ${msgtype}.${key}`);
  };
  switch (msgtype) {
    case 'text':
      if (typeof payload.content !== 'string' || payload.content.length === 0)
        throw new PlatformRefusal(44004);
      if (bytes(payload.content) > 2048) throw new PlatformRefusal(45002);
      return { msgtype, payload, content: payload.content };
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      if (!mediaExists(payload.media_id)) throw new PlatformRefusal(40007);
      return { msgtype, payload };
    case 'link':
      str('title', 128);
      str('desc', 512, false);
      str('url', 2048);
      if (!mediaExists(payload.thumb_media_id)) throw new PlatformRefusal(40007);
      return { msgtype, payload };
    case 'miniprogram':
      str('appid', 64);
      str('title', 64, false);
      str('pagepath', 1024);
      if (!mediaExists(payload.thumb_media_id)) throw new PlatformRefusal(40007);
      return { msgtype, payload };
    case 'msgmenu': {
      str('head_content', 1024, false);
      str('tail_content', 1024, false);
      const list = payload.list;
      if (!Array.isArray(list) || list.length > 10)
        throw new PlatformRefusal(40058, 'msgmenu.list must have at most 10 items');
      for (const item of list) {
        if (!isRecord(item) || typeof item.type !== 'string' || !isRecord(item[item.type])) {
          throw new PlatformRefusal(40058, 'invalid msgmenu item');
        }
      }
      return { msgtype, payload };
    }
    case 'location': {
      const lat = payload.latitude;
      const lng = payload.longitude;
      if (
        typeof lat !== 'number' ||
        lat < -90 ||
        lat > 90 ||
        typeof lng !== 'number' ||
        lng < -180 ||
        lng > 180
      ) {
        throw new PlatformRefusal(40058, 'invalid location');
      }
      return { msgtype, payload };
    }
    case 'ca_link':
      str('link_url', 2048);
      return { msgtype, payload };
    default:
      throw new PlatformRefusal(40058, `invalid msgtype ${msgtype}`);
  }
}
