import { ControlError, isRecord } from '../http/http-types.js';
import { optionalNumber, optionalString } from '../http/validate.js';
import { CONTENT_TYPES, SAMPLE_AMR, SAMPLE_MP4, SAMPLE_PNG, sniffFormat } from '../media/media-content.js';
import type { MediaStore } from '../media/media-store.js';

/** The fields of one push, in WeChat's element order (before ToUserName/FromUserName/CreateTime/MsgType). */
export interface InboundSpec {
  msgType: string;
  event?: string;
  fields: Array<[string, string | number]>;
  /** Ordinary messages carry a MsgId; events do not. */
  hasMsgId: boolean;
  /** Human-readable text for the phone page. */
  summary: string;
  /** What it does to the customer-service window and the follow state. */
  effect: 'message' | 'follow' | 'unfollow' | 'scan' | 'click' | 'none';
  /** The QR scene of a follow by QR code (user/info then reports ADD_SCENE_QR_CODE and the scene). */
  qrScene?: string;
}

const EVENT_ALIASES: Record<string, string> = {
  follow: 'subscribe',
  subscribe: 'subscribe',
  unfollow: 'unsubscribe',
  unsubscribe: 'unsubscribe',
  scan: 'SCAN',
  click: 'CLICK',
  view: 'VIEW',
};

/**
 * Turns a control-API request ({ type: 'text', content } …) into the fields WeChat would push.
 * Media the customer "sends" is put in the media store so the server can fetch it with media/get.
 */
export function describeInbound(
  input: unknown,
  ctx: { appId: string; media: MediaStore; baseUrl: string; subscribed: boolean },
): InboundSpec {
  if (!isRecord(input)) throw new ControlError(400, 'Body must be a JSON object with a `type`');
  const type = optionalString(input, 'type');
  if (!type) throw new ControlError(400, '`type` is required');
  if (type === 'event' || EVENT_ALIASES[type]) {
    const event = type === 'event' ? optionalString(input, 'event') : EVENT_ALIASES[type];
    if (!event) throw new ControlError(400, '`event` is required when type is event');
    return describeEvent(EVENT_ALIASES[event] ?? event, input, ctx.subscribed);
  }
  const storeMedia = (kind: 'image' | 'voice' | 'video' | 'thumb', sample: Buffer, name: string): string => {
    const given = optionalString(input, kind === 'thumb' ? 'thumbMediaId' : 'mediaId');
    if (given && kind !== 'thumb') {
      if (!ctx.media.get(ctx.appId, given)) throw new ControlError(400, `Unknown media ${given}`);
      return given;
    }
    const base64 = kind === 'thumb' ? undefined : optionalString(input, 'data');
    const data = base64 ? Buffer.from(base64, 'base64') : sample;
    if (kind === 'image' && !['jpg', 'png', 'gif', 'bmp'].includes(sniffFormat(data)))
      throw new ControlError(400, 'An image must be a JPG, PNG, GIF or BMP file');
    const filename = (kind !== 'thumb' && optionalString(input, 'filename')) || name;
    return ctx.media.put(ctx.appId, kind, filename, CONTENT_TYPES[sniffFormat(data)], data).mediaId;
  };

  switch (type) {
    case 'text': {
      const content = optionalString(input, 'content');
      if (!content) throw new ControlError(400, '`content` is required for text');
      const fields: InboundSpec['fields'] = [['Content', content]];
      const menuId = optionalString(input, 'bizmsgmenuid');
      if (menuId) fields.push(['bizmsgmenuid', menuId]);
      return { msgType: 'text', fields, hasMsgId: true, summary: content, effect: 'message' };
    }
    case 'image': {
      const mediaId = storeMedia('image', SAMPLE_PNG, 'photo.png');
      return {
        msgType: 'image',
        fields: [
          ['PicUrl', `${ctx.baseUrl}/sim/media/${mediaId}`],
          ['MediaId', mediaId],
        ],
        hasMsgId: true,
        summary: '[图片]',
        effect: 'message',
      };
    }
    case 'voice': {
      const mediaId = storeMedia('voice', SAMPLE_AMR, 'voice.amr');
      const fields: InboundSpec['fields'] = [
        ['MediaId', mediaId],
        ['Format', optionalString(input, 'format') ?? 'amr'],
      ];
      const recognition = optionalString(input, 'recognition');
      if (recognition !== undefined) fields.push(['Recognition', recognition]);
      return {
        msgType: 'voice',
        fields,
        hasMsgId: true,
        summary: `[语音] ${recognition ?? ''}`.trim(),
        effect: 'message',
      };
    }
    case 'video':
    case 'shortvideo': {
      const mediaId = storeMedia('video', SAMPLE_MP4, 'video.mp4');
      const thumbMediaId = storeMedia('thumb', SAMPLE_PNG, 'thumb.png');
      return {
        msgType: type,
        fields: [
          ['MediaId', mediaId],
          ['ThumbMediaId', thumbMediaId],
        ],
        hasMsgId: true,
        summary: type === 'video' ? '[视频]' : '[小视频]',
        effect: 'message',
      };
    }
    case 'location': {
      const latitude = optionalNumber(input, 'latitude') ?? 23.134521;
      const longitude = optionalNumber(input, 'longitude') ?? 113.358803;
      const label = optionalString(input, 'label') ?? '广州市天河区';
      return {
        msgType: 'location',
        fields: [
          ['Location_X', latitude],
          ['Location_Y', longitude],
          ['Scale', optionalNumber(input, 'scale') ?? 15],
          ['Label', label],
        ],
        hasMsgId: true,
        summary: `[位置] ${label}`,
        effect: 'message',
      };
    }
    case 'link': {
      const url = optionalString(input, 'url');
      if (!url) throw new ControlError(400, '`url` is required for link');
      const title = optionalString(input, 'title') ?? url;
      return {
        msgType: 'link',
        fields: [
          ['Title', title],
          ['Description', optionalString(input, 'description') ?? ''],
          ['Url', url],
        ],
        hasMsgId: true,
        summary: `[链接] ${title}`,
        effect: 'message',
      };
    }
    default:
      throw new ControlError(
        400,
        `Unknown type ${type}; use text, image, voice, video, shortvideo, location, link, follow, unfollow, scan, click, view or event`,
      );
  }
}

function describeEvent(event: string, input: Record<string, unknown>, subscribed: boolean): InboundSpec {
  const eventKey = optionalString(input, 'eventKey');
  const base = (
    fields: InboundSpec['fields'],
    summary: string,
    effect: InboundSpec['effect'],
  ): InboundSpec => ({
    msgType: 'event',
    event,
    fields: [['Event', event], ...fields],
    hasMsgId: false,
    summary,
    effect,
  });
  switch (event) {
    case 'subscribe': {
      if (subscribed) throw new ControlError(409, 'The customer already follows this account');
      const scene = optionalString(input, 'scene');
      if (scene !== undefined) {
        const ticket = optionalString(input, 'ticket') ?? `gQ${scene}`;
        return {
          ...base(
            [
              ['EventKey', `qrscene_${scene}`],
              ['Ticket', ticket],
            ],
            `[关注] 扫码 ${scene}`,
            'follow',
          ),
          qrScene: scene,
        };
      }
      return base([['EventKey', '']], '[关注]', 'follow');
    }
    case 'unsubscribe':
      if (!subscribed) throw new ControlError(409, 'The customer does not follow this account');
      return base([['EventKey', '']], '[取消关注]', 'unfollow');
    case 'SCAN': {
      requireFollower(subscribed);
      const scene = optionalString(input, 'scene') ?? eventKey;
      if (!scene) throw new ControlError(400, '`scene` is required for a scan');
      return base(
        [
          ['EventKey', scene],
          ['Ticket', optionalString(input, 'ticket') ?? `gQ${scene}`],
        ],
        `[扫码] ${scene}`,
        'scan',
      );
    }
    case 'CLICK':
      requireFollower(subscribed);
      if (!eventKey) throw new ControlError(400, '`eventKey` (the menu key) is required for a click');
      return base([['EventKey', eventKey]], `[菜单] ${eventKey}`, 'click');
    case 'VIEW': {
      requireFollower(subscribed);
      if (!eventKey) throw new ControlError(400, '`eventKey` (the URL) is required for a view');
      const fields: InboundSpec['fields'] = [['EventKey', eventKey]];
      const menuId = optionalString(input, 'menuId');
      if (menuId) fields.push(['MenuId', menuId]);
      return base(fields, `[打开链接] ${eventKey}`, 'none');
    }
    case 'LOCATION':
      requireFollower(subscribed);
      return base(
        [
          ['Latitude', optionalNumber(input, 'latitude') ?? 23.137466],
          ['Longitude', optionalNumber(input, 'longitude') ?? 113.352425],
          ['Precision', optionalNumber(input, 'precision') ?? 119.38504],
        ],
        '[上报位置]',
        'none',
      );
    default:
      throw new ControlError(400, `Unsupported event ${event}`);
  }
}

function requireFollower(subscribed: boolean): void {
  if (!subscribed) throw new ControlError(409, 'The customer does not follow this account');
}
