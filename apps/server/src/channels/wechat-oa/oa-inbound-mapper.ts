import { oaDedupeKey, type OaEvent, type OaInboundMessage } from '#wechat';
import type { MessageContentOf } from '#contracts';
import type { InboundContent, InboundMedia, InboundMessage } from '../../conversations/inbound-message.js';
import type { OaChannel } from './oa-channel-directory.js';

type EventContent = Extract<MessageContentOf<InboundMedia>, { type: 'event' }>;

/**
 * Translates WeChat's push into the platform-neutral message the conversation core stores (OA3). Every
 * push maps to something: unknown message types are `unsupported`, unknown events are `other` events.
 */
export function toInboundMessage(channel: OaChannel, message: OaInboundMessage): InboundMessage {
  const content = contentOf(message);
  return {
    channelId: channel.id,
    platformMessageId: oaDedupeKey(message),
    sender: {
      platformUserId: message.fromUserName,
      // WeChat stopped returning nicknames in 2021 (spec §5.4): "<account name>_<openid>" until one is known (OA7).
      fallbackDisplayName: `${channel.name}_${message.fromUserName}`,
    },
    replyWindowEffect:
      message.type !== 'event' ? 'opens' : message.event === 'unsubscribe' ? 'closes' : 'unchanged',
    content,
    // A customer writing opens a conversation; an event (a follow, a menu tap…) only joins one, unless the
    // customer asked for a person.
    opensConversation: content.type !== 'event' || asksForAgent(channel, message),
    payload: message.raw,
    sentAt: message.createTime > 0 ? new Date(message.createTime * 1000) : new Date(),
  };
}

/** The customer tapped the menu's "talk to an agent" item (OA9). */
function asksForAgent(channel: OaChannel, message: OaInboundMessage): boolean {
  return message.type === 'event' && message.event === 'CLICK' && message.eventKey === channel.talkToAgentKey;
}

function contentOf(message: OaInboundMessage): InboundContent {
  switch (message.type) {
    case 'text':
      return { type: 'text', text: message.content };
    case 'image':
      return { type: 'image', image: media(message.mediaId, 'image') };
    case 'voice':
      return {
        type: 'voice',
        audio: media(
          message.mediaId,
          'voice',
          message.format ? `voice.${message.format.toLowerCase()}` : null,
        ),
        recognition: message.recognition?.trim() || null,
      };
    case 'video':
    case 'shortvideo':
      return {
        type: message.type,
        video: media(message.mediaId, 'video'),
        thumbnail: message.thumbMediaId ? media(message.thumbMediaId, 'thumbnail') : null,
      };
    case 'location':
      return {
        type: 'location',
        label: message.label,
        latitude: message.latitude,
        longitude: message.longitude,
        scale: message.scale,
      };
    case 'link':
      return { type: 'link', title: message.title, description: message.description, url: message.url };
    case 'event':
      return eventContent(message);
    case 'unsupported':
      return { type: 'unsupported', platformType: message.msgType };
  }
}

function media(
  platformMediaId: string,
  kind: InboundMedia['kind'],
  filename: string | null = null,
): InboundMedia {
  return { platformMediaId, kind, filename };
}

/** Events as system lines: what the customer did, in words an agent reads at a glance. */
export function eventContent(message: OaEvent): EventContent {
  const event = (
    kind: EventContent['event'],
    description: string,
    key: string | null = null,
  ): EventContent => ({
    type: 'event',
    event: kind,
    platformEvent: message.event,
    description,
    key,
  });
  const scene = message.qrScene || null;
  switch (message.event) {
    case 'subscribe':
      return event(
        'followed',
        scene ? `Followed the account (QR scene: ${scene})` : 'Followed the account',
        scene,
      );
    case 'unsubscribe':
      return event('unfollowed', 'Unfollowed the account');
    case 'SCAN':
      return event('qr-scanned', scene ? `Scanned a QR code (scene: ${scene})` : 'Scanned a QR code', scene);
    case 'CLICK':
      return event(
        'menu-clicked',
        message.eventKey ? `Tapped the menu item “${message.eventKey}”` : 'Tapped a menu item',
        message.eventKey || null,
      );
    case 'VIEW':
      return event(
        'menu-link-opened',
        message.url ? `Opened the menu link ${message.url}` : 'Opened a menu link',
        message.url || null,
      );
    case 'LOCATION':
      return event('location-reported', locationDescription(message));
    case 'view_miniprogram':
      return event('menu-link-opened', 'Opened a mini program from the menu', message.eventKey || null);
    case 'scancode_push':
    case 'scancode_waitmsg':
      return event(
        'menu-clicked',
        message.scanCodeInfo?.scanResult
          ? `Scanned a code from the menu: ${message.scanCodeInfo.scanResult}`
          : 'Scanned a code from the menu',
        message.eventKey || null,
      );
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin':
      return event(
        'menu-clicked',
        `Chose ${message.sendPicsInfo?.count ?? 'some'} picture(s) from the menu`,
        message.eventKey || null,
      );
    case 'location_select':
      return event(
        'menu-clicked',
        message.sendLocationInfo?.label
          ? `Chose a location from the menu: ${message.sendLocationInfo.label}`
          : 'Chose a location from the menu',
        message.eventKey || null,
      );
    default:
      return event('other', `WeChat event: ${message.event || 'unnamed'}`, message.eventKey || null);
  }
}

function locationDescription(message: OaEvent): string {
  if (message.latitude === undefined || message.longitude === undefined) return 'Reported their location';
  return `Reported their location (${message.latitude}, ${message.longitude})`;
}
