import { describe, expect, it } from '@jest/globals';
import { WechatTransportError } from './errors.js';
import { parseKfSyncItem, type KfSyncItem } from './wecom-kf-inbound.js';

const customer = {
  open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
  external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
  origin: 3,
};
let n = 0;
const item = (msgtype: string, body: unknown, extra: Record<string, unknown> = {}) => ({
  msgid: `msg${++n}`,
  send_time: 1615478585,
  ...customer,
  msgtype,
  [msgtype]: body,
  ...extra,
});

/** The typed fields only: everything but the base and raw. */
function body(parsed: KfSyncItem): Record<string, unknown> {
  const {
    msgId: _id,
    openKfId: _kf,
    externalUserId: _user,
    sendTime: _time,
    origin: _origin,
    raw: _raw,
    ...rest
  } = parsed;
  return rest;
}

describe('parseKfSyncItem: messages (spec §6.6)', () => {
  it('text with the common fields', () => {
    const json = {
      msgid: 'from_msgid_4622416642169452483',
      open_kfid: customer.open_kfid,
      external_userid: customer.external_userid,
      send_time: 1615478585,
      origin: 3,
      msgtype: 'text',
      text: { content: '你好 😀', menu_id: '101' },
    };
    expect(parseKfSyncItem(json)).toEqual({
      msgId: 'from_msgid_4622416642169452483',
      openKfId: customer.open_kfid,
      externalUserId: customer.external_userid,
      sendTime: 1615478585,
      origin: 3,
      raw: json,
      msgtype: 'text',
      content: '你好 😀',
      menuId: '101',
    });
  });

  it('a servicer message from the WeCom app (origin 5)', () => {
    const parsed = parseKfSyncItem(
      item('text', { content: 'hi' }, { origin: 5, servicer_userid: 'zhangsan' }),
    );
    expect(parsed).toMatchObject({ origin: 5, servicerUserId: 'zhangsan', content: 'hi' });
  });

  it.each(['image', 'voice', 'video', 'file'])('%s', (msgtype) => {
    expect(body(parseKfSyncItem(item(msgtype, { media_id: `MEDIA_${msgtype}` })))).toEqual({
      msgtype,
      mediaId: `MEDIA_${msgtype}`,
    });
  });

  it('location, link, business card, mini program', () => {
    expect(
      body(
        parseKfSyncItem(
          item('location', {
            latitude: 23.106021881103501,
            longitude: 113.320503234863,
            name: '广州国际媒体港(广州市海珠区)',
            address: '广东省广州市海珠区滨江东路',
          }),
        ),
      ),
    ).toEqual({
      msgtype: 'location',
      latitude: 23.106021881103501,
      longitude: 113.320503234863,
      name: '广州国际媒体港(广州市海珠区)',
      address: '广东省广州市海珠区滨江东路',
    });
    expect(
      body(parseKfSyncItem(item('link', { title: 'TITLE', desc: 'DESC', url: 'URL', pic_url: 'PIC_URL' }))),
    ).toEqual({
      msgtype: 'link',
      title: 'TITLE',
      desc: 'DESC',
      url: 'URL',
      picUrl: 'PIC_URL',
    });
    expect(body(parseKfSyncItem(item('business_card', { userid: 'USERID' })))).toEqual({
      msgtype: 'business_card',
      userId: 'USERID',
    });
    expect(
      body(
        parseKfSyncItem(
          item('miniprogram', {
            title: 'TITLE',
            appid: 'APPID',
            pagepath: 'PAGE_PATH',
            thumb_media_id: 'THUMB',
          }),
        ),
      ),
    ).toEqual({
      msgtype: 'miniprogram',
      title: 'TITLE',
      appId: 'APPID',
      pagePath: 'PAGE_PATH',
      thumbMediaId: 'THUMB',
    });
  });

  it('msgmenu, channels shop product and order, merged messages, channels', () => {
    const list = [{ type: 'click', click: { id: '101', content: '满意' } }];
    expect(
      body(
        parseKfSyncItem(
          item('msgmenu', { head_content: '您对本次服务是否满意呢? ', list, tail_content: '欢迎再次光临' }),
        ),
      ),
    ).toEqual({
      msgtype: 'msgmenu',
      headContent: '您对本次服务是否满意呢? ',
      list,
      tailContent: '欢迎再次光临',
    });
    expect(
      body(
        parseKfSyncItem(
          item('channels_shop_product', {
            product_id: '10000050000',
            head_img: 'H',
            title: 'T',
            sales_price: '100',
            shop_nickname: 'S',
            shop_head_img: 'SH',
          }),
        ),
      ),
    ).toEqual({
      msgtype: 'channels_shop_product',
      productId: '10000050000',
      headImg: 'H',
      title: 'T',
      salesPrice: '100',
      shopNickname: 'S',
      shopHeadImg: 'SH',
    });
    expect(
      body(
        parseKfSyncItem(
          item('channels_shop_order', {
            order_id: 'O',
            product_titles: 'P',
            price_wording: '¥1',
            state: '待发货',
            image_url: 'I',
            shop_nickname: 'S',
          }),
        ),
      ),
    ).toEqual({
      msgtype: 'channels_shop_order',
      orderId: 'O',
      productTitles: 'P',
      priceWording: '¥1',
      state: '待发货',
      imageUrl: 'I',
      shopNickname: 'S',
    });
    expect(
      body(
        parseKfSyncItem(
          item('merged_msg', {
            title: '聊天记录',
            item: [
              {
                send_time: 1636443426,
                msgtype: 'text',
                sender_name: 'A',
                msg_content: '{"text":{"content":"x"}}',
              },
            ],
          }),
        ),
      ),
    ).toEqual({
      msgtype: 'merged_msg',
      title: '聊天记录',
      items: [
        { sendTime: 1636443426, msgtype: 'text', senderName: 'A', msgContent: '{"text":{"content":"x"}}' },
      ],
    });
    expect(body(parseKfSyncItem(item('channels', { sub_type: 1, nickname: 'N', title: 'T' })))).toEqual({
      msgtype: 'channels',
      subType: 1,
      nickname: 'N',
      title: 'T',
    });
  });

  it('an unknown msgtype is unsupported with the whole item kept', () => {
    const json = item('meeting', { meetingid: 'M' });
    const parsed = parseKfSyncItem(json);
    expect(parsed).toMatchObject({ msgtype: 'unsupported', originalMsgtype: 'meeting', msgId: json.msgid });
    expect(parsed.raw).toBe(json);
  });
});

describe('parseKfSyncItem: events (origin 4)', () => {
  const event = (payload: Record<string, unknown>) =>
    parseKfSyncItem({
      msgid: `ev${++n}`,
      send_time: 1615478585,
      origin: 4,
      msgtype: 'event',
      event: payload,
    });

  it('enter_session with welcome code and Channels context, scoped from the event body', () => {
    const parsed = event({
      event_type: 'enter_session',
      open_kfid: 'wkAJ2',
      external_userid: 'wmAJ2',
      scene: '123',
      scene_param: 'abc',
      welcome_code: 'aaaaaa',
      wechat_channels: { nickname: '进入会话的视频号名称', shop_nickname: '视频号小店名称', scene: 1 },
    });
    expect(parsed).toMatchObject({ openKfId: 'wkAJ2', externalUserId: 'wmAJ2', origin: 4, msgtype: 'event' });
    expect(parsed.msgtype === 'event' && parsed.event).toEqual({
      eventType: 'enter_session',
      openKfId: 'wkAJ2',
      externalUserId: 'wmAJ2',
      scene: '123',
      sceneParam: 'abc',
      welcomeCode: 'aaaaaa',
      wechatChannels: { nickname: '进入会话的视频号名称', shopNickname: '视频号小店名称', scene: 1 },
    });
  });

  it.each([
    [
      { event_type: 'msg_send_fail', open_kfid: 'K', external_userid: 'U', fail_msgid: 'FAIL', fail_type: 4 },
      { eventType: 'msg_send_fail', openKfId: 'K', externalUserId: 'U', failMsgId: 'FAIL', failType: 4 },
    ],
    [
      { event_type: 'servicer_status_change', servicer_userid: 'S', open_kfid: 'K', status: 2, stop_type: 1 },
      { eventType: 'servicer_status_change', openKfId: 'K', servicerUserId: 'S', status: 2, stopType: 1 },
    ],
    [
      {
        event_type: 'session_status_change',
        open_kfid: 'K',
        external_userid: 'U',
        change_type: 1,
        new_servicer_userid: 'NEW',
        msg_code: 'CODE',
      },
      {
        eventType: 'session_status_change',
        openKfId: 'K',
        externalUserId: 'U',
        changeType: 1,
        newServicerUserId: 'NEW',
        msgCode: 'CODE',
      },
    ],
    [
      { event_type: 'user_recall_msg', open_kfid: 'K', external_userid: 'U', recall_msgid: 'R' },
      { eventType: 'user_recall_msg', openKfId: 'K', externalUserId: 'U', recallMsgId: 'R' },
    ],
    [
      {
        event_type: 'servicer_recall_msg',
        open_kfid: 'K',
        external_userid: 'U',
        recall_msgid: 'R',
        servicer_userid: 'S',
      },
      {
        eventType: 'servicer_recall_msg',
        openKfId: 'K',
        externalUserId: 'U',
        recallMsgId: 'R',
        servicerUserId: 'S',
      },
    ],
    [
      {
        event_type: 'reject_customer_msg_switch_change',
        open_kfid: 'K',
        external_userid: 'U',
        servicer_userid: 'S',
        reject_switch: 1,
      },
      {
        eventType: 'reject_customer_msg_switch_change',
        openKfId: 'K',
        externalUserId: 'U',
        servicerUserId: 'S',
        rejectSwitch: 1,
      },
    ],
    [
      { event_type: 'some_new_event', open_kfid: 'K' },
      { eventType: 'unknown', openKfId: 'K', name: 'some_new_event' },
    ],
  ])('%j', (payload, expected) => {
    const parsed = event(payload);
    expect(parsed.msgtype === 'event' && parsed.event).toEqual(expected);
  });

  it('an event concerning no customer has an empty externalUserId', () => {
    expect(
      event({ event_type: 'servicer_status_change', servicer_userid: 'S', open_kfid: 'K', status: 1 })
        .externalUserId,
    ).toBe('');
  });
});

describe('parseKfSyncItem: shape validation', () => {
  it('refuses items without msgid or msgtype, and non-objects', () => {
    for (const json of [
      null,
      'text',
      [],
      { msgtype: 'text' },
      { msgid: '', msgtype: 'text' },
      { msgid: 'm' },
      { msgid: 'm', msgtype: 5 },
    ]) {
      expect(() => parseKfSyncItem(json)).toThrow(WechatTransportError);
    }
  });

  it('tolerates a missing body and odd field types with defaults', () => {
    expect(
      parseKfSyncItem({ msgid: 'm', msgtype: 'text', send_time: '1615478585', origin: '3' }),
    ).toMatchObject({
      msgtype: 'text',
      content: '',
      sendTime: 1615478585,
      origin: 3,
      openKfId: '',
    });
  });
});
