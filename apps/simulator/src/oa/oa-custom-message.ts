import { isRecord } from '../http/http-types.js';
import { PlatformRefusal } from '../platform-errors.js';

export interface CustomMessage {
  touser: string;
  msgtype: string;
  /** The object under the msgtype key, as the caller sent it. */
  payload: Record<string, unknown>;
  content?: string;
  kfAccount?: string;
}

/** Answers whether a media_id exists and is of one of the given types. */
export type MediaLookup = (mediaId: unknown, types: readonly string[]) => boolean;

const TEXT_MAX_BYTES = 2048;
const MSGMENU_MAX_ITEMS = 10;

/**
 * Validates a custom/send body by shape, as WeChat does: 47001 for malformed JSON bodies, 40008 for an
 * unknown msgtype, 40007 for bad media ids, 44004/45002 for text, 44003/45008 for news.
 */
export function parseCustomMessage(body: unknown, mediaExists: MediaLookup): CustomMessage {
  if (!isRecord(body)) throw new PlatformRefusal(47001);
  const { touser, msgtype } = body;
  if (typeof touser !== 'string' || touser === '') throw new PlatformRefusal(40003);
  if (typeof msgtype !== 'string') throw new PlatformRefusal(40008);
  const payload = body[msgtype];
  if (!SHAPES[msgtype]) throw new PlatformRefusal(40008);
  if (!isRecord(payload)) throw new PlatformRefusal(47001);
  SHAPES[msgtype](payload, mediaExists);
  const customservice = body.customservice;
  const kfAccount =
    isRecord(customservice) && typeof customservice.kf_account === 'string'
      ? customservice.kf_account
      : undefined;
  return {
    touser,
    msgtype,
    payload,
    content: msgtype === 'text' ? (payload.content as string) : undefined,
    kfAccount,
  };
}

type ShapeCheck = (payload: Record<string, unknown>, mediaExists: MediaLookup) => void;

const SHAPES: Record<string, ShapeCheck> = {
  text: (p) => {
    if (typeof p.content !== 'string' || p.content.length === 0) throw new PlatformRefusal(44004);
    if (Buffer.byteLength(p.content, 'utf8') > TEXT_MAX_BYTES) throw new PlatformRefusal(45002);
  },
  image: (p, media) => requireMedia(media, p.media_id, ['image']),
  voice: (p, media) => requireMedia(media, p.media_id, ['voice']),
  video: (p, media) => {
    requireMedia(media, p.media_id, ['video']);
    // Only title and description are optional (spec §5.2): a video needs its cover.
    requireMedia(media, p.thumb_media_id, ['thumb', 'image']);
    optionalStrings(p, ['title', 'description']);
  },
  music: (p, media) => {
    requireMedia(media, p.thumb_media_id, ['thumb', 'image']);
    optionalStrings(p, ['title', 'description', 'musicurl', 'hqmusicurl']);
  },
  news: (p) => {
    const articles = p.articles;
    if (!Array.isArray(articles) || articles.length === 0) throw new PlatformRefusal(44003);
    if (articles.length > 1) throw new PlatformRefusal(45008);
    for (const article of articles) {
      if (!isRecord(article)) throw new PlatformRefusal(47001);
      optionalStrings(article, ['title', 'description', 'url', 'picurl']);
    }
  },
  mpnews: (p) => requireString(p.media_id, 40007),
  mpnewsarticle: (p) => requireString(p.article_id, 40035),
  msgmenu: (p) => {
    optionalStrings(p, ['head_content', 'tail_content']);
    const list = p.list;
    if (!Array.isArray(list) || list.length === 0 || list.length > MSGMENU_MAX_ITEMS)
      throw new PlatformRefusal(40035);
    for (const item of list) {
      if (!isRecord(item)) throw new PlatformRefusal(47001);
      requireString(item.id, 40035);
      requireString(item.content, 40035);
    }
  },
  wxcard: (p) => requireString(p.card_id, 40035),
  miniprogrampage: (p, media) => {
    requireString(p.appid, 40035);
    requireString(p.pagepath, 40035);
    optionalStrings(p, ['title']);
    requireMedia(media, p.thumb_media_id, ['thumb', 'image']);
  },
};

function requireMedia(media: MediaLookup, mediaId: unknown, types: readonly string[]): void {
  if (mediaId === undefined || mediaId === '') throw new PlatformRefusal(41006);
  if (!media(mediaId, types)) throw new PlatformRefusal(40007);
}

function requireString(value: unknown, errcode: number): void {
  if (typeof value !== 'string' || value.length === 0) throw new PlatformRefusal(errcode);
}

function optionalStrings(p: Record<string, unknown>, keys: string[]): void {
  for (const key of keys)
    if (p[key] !== undefined && typeof p[key] !== 'string') throw new PlatformRefusal(47001);
}

export const CUSTOM_MESSAGE_TYPES = Object.keys(SHAPES);
