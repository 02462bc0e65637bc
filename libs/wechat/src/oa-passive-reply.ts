import { buildXml } from './xml.js';

/** Addressing of a passive reply (spec §4.2): to the customer's OpenID, from the OA's gh_ id. */
export interface OaReplyAddress {
  /** The customer's OpenID (the push's FromUserName). */
  toUserName: string;
  /** The OA's original id (the push's ToUserName). */
  fromUserName: string;
  /** Unix seconds; default now. */
  createTime?: number;
}

export interface OaReplyArticle {
  title: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

export function buildOaTextReply(args: OaReplyAddress & { content: string }): string {
  return reply(args, 'text', { Content: args.content });
}

export function buildOaImageReply(args: OaReplyAddress & { mediaId: string }): string {
  return reply(args, 'image', { Image: { MediaId: args.mediaId } });
}

export function buildOaVoiceReply(args: OaReplyAddress & { mediaId: string }): string {
  return reply(args, 'voice', { Voice: { MediaId: args.mediaId } });
}

export function buildOaVideoReply(
  args: OaReplyAddress & { mediaId: string; title?: string; description?: string },
): string {
  return reply(args, 'video', {
    Video: { MediaId: args.mediaId, Title: args.title, Description: args.description },
  });
}

export function buildOaMusicReply(
  args: OaReplyAddress & {
    thumbMediaId: string;
    title?: string;
    description?: string;
    musicUrl?: string;
    hqMusicUrl?: string;
  },
): string {
  return reply(args, 'music', {
    Music: {
      Title: args.title,
      Description: args.description,
      MusicUrl: args.musicUrl,
      HQMusicUrl: args.hqMusicUrl,
      ThumbMediaId: args.thumbMediaId,
    },
  });
}

/** Current WeChat shows one article in a reply to a customer message (spec §4.2 [conflict]); not enforced here. */
export function buildOaNewsReply(args: OaReplyAddress & { articles: OaReplyArticle[] }): string {
  return reply(args, 'news', {
    ArticleCount: args.articles.length,
    Articles: {
      item: args.articles.map((article) => ({
        Title: article.title,
        Description: article.description,
        PicUrl: article.picUrl,
        Url: article.url,
      })),
    },
  });
}

/** Hands the message to the legacy OA multi-customer-service system, optionally to one account. */
export function buildOaTransferCustomerServiceReply(args: OaReplyAddress & { kfAccount?: string }): string {
  return reply(
    args,
    'transfer_customer_service',
    args.kfAccount === undefined ? {} : { TransInfo: { KfAccount: args.kfAccount } },
  );
}

function reply(
  address: OaReplyAddress,
  msgType: string,
  body: Record<string, string | number | Record<string, unknown>>,
): string {
  return buildXml({
    ToUserName: address.toUserName,
    FromUserName: address.fromUserName,
    CreateTime: address.createTime ?? Math.floor(Date.now() / 1000),
    MsgType: msgType,
    ...body,
  });
}
