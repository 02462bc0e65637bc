import { describe, expect, it } from '@jest/globals';
import { OA_PUSH } from './__tests__/oa-pushes.js';
import { WechatXmlError } from './errors.js';
import { oaDedupeKey, parseOaMessage, type OaInboundMessage } from './oa-inbound.js';

const common = {
  toUserName: 'gh_4d00ed8d6399',
  fromUserName: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
};

/** The message without `raw`, which every variant carries in full. */
function typed(xml: string): Omit<OaInboundMessage, 'raw'> {
  const { raw, ...rest } = parseOaMessage(xml);
  expect(raw).toEqual(
    expect.objectContaining({ ToUserName: common.toUserName, FromUserName: common.fromUserName }),
  );
  return rest;
}

describe('parseOaMessage: ordinary messages (spec §3.1)', () => {
  it('text, with article origin fields', () => {
    expect(typed(OA_PUSH.text)).toEqual({
      ...common,
      createTime: 1348831860,
      type: 'text',
      msgId: '1234567890123456789',
      msgDataId: '2247483652',
      idx: '1',
      content: '我的快递到哪了？😀',
    });
  });

  it('text produced by a msgmenu tap carries bizMsgMenuId', () => {
    expect(typed(OA_PUSH.menuText)).toMatchObject({
      type: 'text',
      content: '满意',
      bizMsgMenuId: '101',
      msgId: '24416432456',
    });
  });

  it('keeps a 64-bit MsgId exact, as a string', () => {
    const message = parseOaMessage(OA_PUSH.text);
    expect(message.type === 'text' && message.msgId).toBe('1234567890123456789');
  });

  it('image', () => {
    expect(typed(OA_PUSH.image)).toEqual({
      ...common,
      createTime: 1348831860,
      type: 'image',
      msgId: '1234567890123456780',
      picUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/abc/0',
      mediaId: 'media_id_img',
    });
  });

  it('voice with speech recognition, spelled MsgID', () => {
    expect(typed(OA_PUSH.voice)).toEqual({
      ...common,
      createTime: 1348831860,
      type: 'voice',
      msgId: '1234567890123456781',
      mediaId: 'media_id_voice',
      format: 'amr',
      recognition: '腾讯微信团队',
    });
  });

  it('video and shortvideo', () => {
    expect(typed(OA_PUSH.video)).toMatchObject({
      type: 'video',
      mediaId: 'media_id_video',
      thumbMediaId: 'thumb_video',
      msgId: '1234567890123456782',
    });
    expect(typed(OA_PUSH.shortvideo)).toMatchObject({
      type: 'shortvideo',
      mediaId: 'media_id_sv',
      thumbMediaId: 'thumb_sv',
      msgId: '1234567890123456783',
    });
  });

  it('location', () => {
    expect(typed(OA_PUSH.location)).toEqual({
      ...common,
      createTime: 1348831860,
      type: 'location',
      msgId: '1234567890123456784',
      latitude: 23.134521,
      longitude: 113.358803,
      scale: 20,
      label: '位置信息',
    });
  });

  it('link', () => {
    expect(typed(OA_PUSH.link)).toMatchObject({
      type: 'link',
      title: '公众平台官网链接',
      description: '公众平台官网链接',
      url: 'https://mp.weixin.qq.com',
      msgId: '1234567890123456785',
    });
  });

  it('an unknown MsgType is unsupported, not an error, and keeps its fields', () => {
    const message = parseOaMessage(OA_PUSH.miniprogrampage);
    expect(message).toMatchObject({
      type: 'unsupported',
      msgType: 'miniprogrampage',
      msgId: '1234567890123456786',
    });
    expect(message.raw).toMatchObject({ AppId: 'wxappid', PagePath: 'pages/index' });
  });
});

describe('parseOaMessage: events (spec §3.2)', () => {
  it('subscribe without and with a QR scene', () => {
    expect(typed(OA_PUSH.subscribe)).toEqual({
      ...common,
      createTime: 123456789,
      type: 'event',
      event: 'subscribe',
    });
    expect(typed(OA_PUSH.subscribeQr)).toEqual({
      ...common,
      createTime: 123456789,
      type: 'event',
      event: 'subscribe',
      eventKey: 'qrscene_campaign-42',
      qrScene: 'campaign-42',
      ticket: 'TICKET_1',
    });
  });

  it('unsubscribe', () => {
    expect(typed(OA_PUSH.unsubscribe)).toEqual({
      ...common,
      createTime: 123456790,
      type: 'event',
      event: 'unsubscribe',
      eventKey: '',
    });
  });

  it('SCAN carries the bare scene', () => {
    expect(typed(OA_PUSH.scan)).toMatchObject({
      event: 'SCAN',
      eventKey: '123',
      qrScene: '123',
      ticket: 'TICKET_2',
    });
  });

  it('LOCATION', () => {
    expect(typed(OA_PUSH.locationEvent)).toMatchObject({
      event: 'LOCATION',
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    });
  });

  it('CLICK and VIEW', () => {
    expect(typed(OA_PUSH.click)).toMatchObject({ event: 'CLICK', eventKey: 'TALK_TO_AGENT' });
    expect(typed(OA_PUSH.view)).toMatchObject({
      event: 'VIEW',
      eventKey: 'https://www.qq.com/',
      url: 'https://www.qq.com/',
      menuId: '208379533',
    });
    expect(typed(OA_PUSH.viewMiniprogram)).toMatchObject({
      event: 'view_miniprogram',
      eventKey: 'pages/index/index',
      menuId: 'MENUID',
    });
  });

  it('scancode, picture and location-select menu events', () => {
    expect(typed(OA_PUSH.scancodePush)).toMatchObject({
      event: 'scancode_push',
      scanCodeInfo: { scanType: 'qrcode', scanResult: '1' },
    });
    expect(typed(OA_PUSH.picSysphoto)).toMatchObject({
      sendPicsInfo: { count: 1, picMd5Sums: ['1b5f7c23b5bf75682a53e7b6d163e185'] },
    });
    expect(typed(OA_PUSH.picWeixinTwo)).toMatchObject({
      sendPicsInfo: { count: 2, picMd5Sums: ['aaa', 'bbb'] },
    });
    expect(typed(OA_PUSH.locationSelect)).toMatchObject({
      event: 'location_select',
      sendLocationInfo: {
        latitude: 23,
        longitude: 113,
        scale: 15,
        label: ' 广州市海珠区客村艺苑路 106号',
        poiName: '',
      },
    });
  });

  it('template job reports and legacy kf session events', () => {
    expect(typed(OA_PUSH.templateFinish)).toMatchObject({
      event: 'TEMPLATESENDJOBFINISH',
      msgId: '200163836',
      status: 'success',
    });
    expect(typed(OA_PUSH.kfCreateSession)).toMatchObject({
      event: 'kf_create_session',
      kfAccount: 'test1@test',
    });
    expect(typed(OA_PUSH.kfSwitchSession)).toMatchObject({
      fromKfAccount: 'test1@test',
      toKfAccount: 'test2@test',
    });
  });

  it('an unknown event is still an event', () => {
    const message = parseOaMessage(OA_PUSH.unknownEvent);
    expect(message).toMatchObject({ type: 'event', event: 'some_future_event' });
    expect(message.raw.Foo).toBe('bar');
  });
});

describe('parseOaMessage: refusals', () => {
  const reason = (xml: string) => {
    try {
      parseOaMessage(xml);
      return 'no error';
    } catch (error) {
      return error instanceof WechatXmlError ? error.reason : 'other';
    }
  };

  it('refuses pushes without FromUserName, ToUserName or MsgType', () => {
    expect(reason('<xml><ToUserName>a</ToUserName><MsgType>text</MsgType></xml>')).toBe('missing-field');
    expect(reason('<xml><FromUserName>a</FromUserName><MsgType>text</MsgType></xml>')).toBe('missing-field');
    expect(reason('<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName></xml>')).toBe(
      'missing-field',
    );
    expect(
      reason('<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><MsgType></MsgType></xml>'),
    ).toBe('missing-field');
  });

  it('passes the size limit through', () => {
    expect(reason(OA_PUSH.text)).toBe('no error');
    try {
      parseOaMessage(OA_PUSH.text, { maxBytes: 100 });
    } catch (error) {
      expect((error as WechatXmlError).reason).toBe('too-large');
      return;
    }
    throw new Error('expected a too-large refusal');
  });
});

describe('oaDedupeKey (spec §4.1)', () => {
  it('is the MsgId for messages', () => {
    expect(oaDedupeKey(parseOaMessage(OA_PUSH.text))).toBe('1234567890123456789');
    expect(oaDedupeKey(parseOaMessage(OA_PUSH.voice))).toBe('1234567890123456781');
  });

  it('is to|from|time|event|key for events, so two events in one second differ', () => {
    expect(oaDedupeKey(parseOaMessage(OA_PUSH.click))).toBe(
      'gh_4d00ed8d6399|oUpF8uMuAJO_M2pxb1Q9zNjWeS6o|123456793|CLICK|TALK_TO_AGENT',
    );
    expect(oaDedupeKey(parseOaMessage(OA_PUSH.subscribe))).toBe(
      'gh_4d00ed8d6399|oUpF8uMuAJO_M2pxb1Q9zNjWeS6o|123456789|subscribe|',
    );
    const other = OA_PUSH.click.replace('TALK_TO_AGENT', 'FAQ');
    expect(oaDedupeKey(parseOaMessage(other))).not.toBe(oaDedupeKey(parseOaMessage(OA_PUSH.click)));
  });

  it('falls back to the composite key for a message without MsgId', () => {
    const xml = OA_PUSH.link.replace('<MsgId>1234567890123456785</MsgId>', '');
    expect(oaDedupeKey(parseOaMessage(xml))).toBe(
      'gh_4d00ed8d6399|oUpF8uMuAJO_M2pxb1Q9zNjWeS6o|1348831860|link|',
    );
  });
});
