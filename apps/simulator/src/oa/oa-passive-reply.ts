import { isRecord } from '../http/http-types.js';
import type { InboxItem } from './oa-model.js';

export type ReplyCheck =
  { ok: true; item?: Omit<InboxItem, 'id' | 'receivedAt'> } | { ok: false; reason: string };

/**
 * Checks a passive reply (already decrypted and parsed to plain objects) the way WeChat would before
 * showing it to the customer. `fields` are the children of <xml>.
 */
export function checkPassiveReply(
  fields: Record<string, unknown>,
  expected: { openid: string; originalId: string },
): ReplyCheck {
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  if (str(fields.ToUserName) !== expected.openid)
    return { ok: false, reason: 'reply ToUserName is not the customer openid' };
  if (str(fields.FromUserName) !== expected.originalId)
    return { ok: false, reason: 'reply FromUserName is not the account original id' };
  if (!/^\d+$/.test(str(fields.CreateTime) ?? ''))
    return { ok: false, reason: 'reply CreateTime is missing or not an integer' };
  const msgType = str(fields.MsgType) ?? '';
  const nested = (key: string, inner: string): string | undefined => {
    const value = fields[key];
    return isRecord(value) ? str(value[inner]) : undefined;
  };
  const reply = (msgtype: string, payload: unknown, content?: string): ReplyCheck => ({
    ok: true,
    item: { msgtype, content, payload, via: 'passive-reply' },
  });
  switch (msgType) {
    case 'text': {
      const content = str(fields.Content);
      if (content === undefined) return { ok: false, reason: 'text reply without Content' };
      return reply('text', { content }, content);
    }
    case 'image':
    case 'voice': {
      const key = msgType === 'image' ? 'Image' : 'Voice';
      const mediaId = nested(key, 'MediaId');
      if (!mediaId) return { ok: false, reason: `${msgType} reply without ${key}/MediaId` };
      return reply(msgType, { media_id: mediaId });
    }
    case 'video': {
      const mediaId = nested('Video', 'MediaId');
      if (!mediaId) return { ok: false, reason: 'video reply without Video/MediaId' };
      return reply('video', {
        media_id: mediaId,
        title: nested('Video', 'Title'),
        description: nested('Video', 'Description'),
      });
    }
    case 'music': {
      if (!isRecord(fields.Music)) return { ok: false, reason: 'music reply without Music' };
      return reply('music', fields.Music);
    }
    case 'news': {
      const count = Number(str(fields.ArticleCount));
      const articles = isRecord(fields.Articles) ? fields.Articles.item : undefined;
      const list = Array.isArray(articles) ? articles : articles === undefined ? [] : [articles];
      if (!Number.isInteger(count) || count < 1 || count > 8 || count !== list.length) {
        return { ok: false, reason: 'news reply ArticleCount does not match Articles/item (1–8)' };
      }
      return reply('news', { articles: list });
    }
    case 'transfer_customer_service':
      return { ok: true };
    default:
      return { ok: false, reason: `reply MsgType ${msgType || '(missing)'} is not one WeChat accepts` };
  }
}
