import { describe, expect, it } from '@jest/globals';
import { parseOaMessage } from '#wechat';
import { OA_PUSH } from '../../../../../libs/wechat/src/__tests__/oa-pushes.js';
import type { InboundMessage } from '../../conversations/inbound-message.js';
import type { OaChannel } from './oa-channel-directory.js';
import { toInboundMessage } from './oa-inbound-mapper.js';

const channel = { id: 'c0ffee00-0000-4000-8000-000000000001', name: 'Demo Coffee' } as OaChannel;
const map = (xml: string): InboundMessage => toInboundMessage(channel, parseOaMessage(xml));
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

describe('mapping Official Account pushes to inbound messages (OA3)', () => {
  it('keeps who sent it, when, the dedupe key, and every field WeChat sent', () => {
    const inbound = map(OA_PUSH.text);
    expect(inbound).toEqual({
      channelId: channel.id,
      platformMessageId: '1234567890123456789',
      sender: { platformUserId: OPENID, fallbackDisplayName: `Demo Coffee_${OPENID}` },
      replyWindowEffect: 'opens',
      content: { type: 'text', text: '我的快递到哪了？😀' },
      opensConversation: true,
      payload: expect.objectContaining({ MsgType: 'text', MsgDataId: '2247483652', Idx: '1' }),
      sentAt: new Date(1348831860 * 1000),
    });
  });

  it('maps every message type; files are referenced by WeChat’s media ids, to fetch later', () => {
    expect(map(OA_PUSH.image).content).toEqual({
      type: 'image',
      image: { platformMediaId: 'media_id_img', kind: 'image', filename: null },
    });
    expect(map(OA_PUSH.voice).content).toEqual({
      type: 'voice',
      audio: { platformMediaId: 'media_id_voice', kind: 'voice', filename: 'voice.amr' },
      recognition: '腾讯微信团队',
    });
    expect(map(OA_PUSH.video).content).toEqual({
      type: 'video',
      video: { platformMediaId: 'media_id_video', kind: 'video', filename: null },
      thumbnail: { platformMediaId: 'thumb_video', kind: 'thumbnail', filename: null },
    });
    expect(map(OA_PUSH.shortvideo).content).toMatchObject({
      type: 'shortvideo',
      thumbnail: { kind: 'thumbnail' },
    });
    expect(map(OA_PUSH.location).content).toEqual({
      type: 'location',
      label: '位置信息',
      latitude: 23.134521,
      longitude: 113.358803,
      scale: 20,
    });
    expect(map(OA_PUSH.link).content).toEqual({
      type: 'link',
      title: '公众平台官网链接',
      description: '公众平台官网链接',
      url: 'https://mp.weixin.qq.com',
    });
    for (const push of [OA_PUSH.image, OA_PUSH.voice, OA_PUSH.video, OA_PUSH.location, OA_PUSH.link]) {
      expect(map(push).opensConversation).toBe(true);
    }
  });

  it('treats a voice message without recognition (or an empty one) as having none', () => {
    const silent = OA_PUSH.voice.replace(
      '<Recognition><![CDATA[腾讯微信团队]]></Recognition>',
      '<Recognition><![CDATA[ ]]></Recognition>',
    );
    expect(map(silent).content).toMatchObject({ type: 'voice', recognition: null });
  });

  it('keeps an unknown message type as unsupported, with its fields, and it still opens a conversation', () => {
    const inbound = map(OA_PUSH.miniprogrampage);
    expect(inbound.content).toEqual({ type: 'unsupported', platformType: 'miniprogrampage' });
    expect(inbound.opensConversation).toBe(true);
    expect(inbound.payload).toMatchObject({ AppId: 'wxappid', PagePath: 'pages/index' });
  });

  it('describes events for people, and never lets one open a conversation by itself', () => {
    const events = {
      subscribe: ['followed', 'Followed the account', null],
      subscribeQr: ['followed', 'Followed the account (QR scene: campaign-42)', 'campaign-42'],
      unsubscribe: ['unfollowed', 'Unfollowed the account', null],
      scan: ['qr-scanned', 'Scanned a QR code (scene: 123)', '123'],
      locationEvent: ['location-reported', 'Reported their location (23.137466, 113.352425)', null],
      click: ['menu-clicked', 'Tapped the menu item “TALK_TO_AGENT”', 'TALK_TO_AGENT'],
      view: ['menu-link-opened', 'Opened the menu link https://www.qq.com/', 'https://www.qq.com/'],
      viewMiniprogram: ['menu-link-opened', 'Opened a mini program from the menu', 'pages/index/index'],
      scancodePush: ['menu-clicked', 'Scanned a code from the menu: 1', '6'],
      picWeixinTwo: ['menu-clicked', 'Chose 2 picture(s) from the menu', '6'],
      locationSelect: ['menu-clicked', 'Chose a location from the menu:  广州市海珠区客村艺苑路 106号', '6'],
      templateFinish: ['other', 'WeChat event: TEMPLATESENDJOBFINISH', null],
      unknownEvent: ['other', 'WeChat event: some_future_event', null],
    } as const;
    for (const [name, [event, description, key]] of Object.entries(events)) {
      const inbound = map(OA_PUSH[name as keyof typeof OA_PUSH]);
      expect({ name, content: inbound.content, opens: inbound.opensConversation }).toEqual({
        name,
        content: { type: 'event', event, platformEvent: expect.any(String), description, key },
        opens: false,
      });
    }
  });

  it('lets only customer messages open the reply window, and an unfollow close it (OA6)', () => {
    for (const push of [OA_PUSH.text, OA_PUSH.image, OA_PUSH.voice, OA_PUSH.miniprogrampage]) {
      expect(map(push).replyWindowEffect).toBe('opens');
    }
    expect(map(OA_PUSH.unsubscribe).replyWindowEffect).toBe('closes');
    for (const push of [
      OA_PUSH.subscribe,
      OA_PUSH.click,
      OA_PUSH.view,
      OA_PUSH.scan,
      OA_PUSH.locationEvent,
    ]) {
      expect(map(push).replyWindowEffect).toBe('unchanged');
    }
  });

  it('opens a conversation for a tap on the channel’s “talk to an agent” menu item only (OA9)', () => {
    const withKey = { ...channel, talkToAgentKey: 'TALK_TO_AGENT' } as OaChannel;
    const asked = toInboundMessage(withKey, parseOaMessage(OA_PUSH.click));
    expect({ opens: asked.opensConversation, window: asked.replyWindowEffect }).toEqual({
      opens: true,
      window: 'unchanged',
    });
    const otherKey = { ...channel, talkToAgentKey: 'SOMETHING_ELSE' } as OaChannel;
    expect(toInboundMessage(otherKey, parseOaMessage(OA_PUSH.click)).opensConversation).toBe(false);
  });

  it('keys events without a MsgId on account, sender, time, event and key, so a retry is the same event', () => {
    expect(map(OA_PUSH.click).platformMessageId).toBe(
      `gh_4d00ed8d6399|${OPENID}|123456793|CLICK|TALK_TO_AGENT`,
    );
    expect(map(OA_PUSH.click).platformMessageId).toBe(map(OA_PUSH.click).platformMessageId);
    expect(map(OA_PUSH.subscribe).platformMessageId).not.toBe(map(OA_PUSH.subscribeQr).platformMessageId);
  });
});
