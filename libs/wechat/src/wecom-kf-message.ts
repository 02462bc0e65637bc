/** Bodies of `kf/send_msg` and `kf/send_msg_on_event` (spec §6.7, §6.8), in the platform's own JSON shape. */
export type KfMenuItem =
  | { type: 'click'; click: { id: string; content: string } }
  | { type: 'view'; view: { url: string; content: string } }
  | { type: 'miniprogram'; miniprogram: { appid: string; pagepath: string; content: string } }
  | { type: 'text'; text: { content: string } };

export type KfMessageBody =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } }
  | { msgtype: 'link'; link: { title: string; desc?: string; url: string; thumb_media_id: string } }
  | {
      msgtype: 'miniprogram';
      miniprogram: { appid: string; title?: string; thumb_media_id: string; pagepath: string };
    }
  | { msgtype: 'msgmenu'; msgmenu: { head_content?: string; list: KfMenuItem[]; tail_content?: string } }
  | {
      msgtype: 'location';
      location: { name?: string; address?: string; latitude: number; longitude: number };
    }
  | { msgtype: 'ca_link'; ca_link: { link_url: string } };

/**
 * `msgid` (≤32 bytes, [0-9a-zA-Z_-]) makes a retry idempotent and correlates msg_send_fail: always supply
 * the desk's own message id.
 */
export type KfSendMsgRequest = { touser: string; open_kfid: string; msgid?: string } & KfMessageBody;

/** Welcome (20 s), queue, off-hours or closing message for a welcome_code / msg_code; each code works once. */
export type KfSendMsgOnEventRequest = { code: string; msgid?: string } & Extract<
  KfMessageBody,
  { msgtype: 'text' | 'msgmenu' }
>;
