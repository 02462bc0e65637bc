/** Bodies of `message/custom/send` (spec §5.2), in the platform's own JSON shape. */
export type OaCustomMessage = {
  touser: string;
  /** Send under a named legacy customer-service account (avatar and nickname shown to the customer). */
  customservice?: { kf_account: string };
} & OaCustomMessageBody;

export type OaCustomMessageBody =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | {
      msgtype: 'video';
      video: { media_id: string; thumb_media_id: string; title?: string; description?: string };
    }
  | {
      msgtype: 'music';
      music: {
        title?: string;
        description?: string;
        musicurl: string;
        hqmusicurl: string;
        thumb_media_id: string;
      };
    }
  /** One article today (more → 45008); older accounts allowed 8 [conflict, spec §5.2]. */
  | {
      msgtype: 'news';
      news: { articles: Array<{ title: string; description?: string; url: string; picurl?: string }> };
    }
  | { msgtype: 'mpnews'; mpnews: { media_id: string } }
  | { msgtype: 'mpnewsarticle'; mpnewsarticle: { article_id: string } }
  | {
      msgtype: 'msgmenu';
      msgmenu: { head_content?: string; list: Array<{ id: string; content: string }>; tail_content?: string };
    }
  | { msgtype: 'wxcard'; wxcard: { card_id: string } }
  | {
      msgtype: 'miniprogrampage';
      miniprogrampage: { title: string; appid: string; pagepath: string; thumb_media_id: string };
    };

export type OaCustomMessageType = OaCustomMessageBody['msgtype'];
