import { oaDedupeKey, type OaInboundMessage } from '#wechat';
import type { InboundMessage } from '../../conversations/inbound-message.js';
import type { OaChannel } from './oa-channel-directory.js';

/** Translates WeChat's message into the platform-neutral shape the conversation core stores. */
export function toInboundMessage(channel: OaChannel, message: OaInboundMessage): InboundMessage {
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
    type: message.type === 'text' ? 'text' : 'unsupported',
    text: message.type === 'text' ? message.content : null,
    payload: message.raw,
    sentAt: new Date(message.createTime * 1000),
    opensConversation: message.type !== 'event' || asksForAgent(channel, message),
  };
}

/** The customer tapped the menu's "talk to an agent" item (OA9). */
function asksForAgent(channel: OaChannel, message: OaInboundMessage): boolean {
  return message.type === 'event' && message.event === 'CLICK' && message.eventKey === channel.talkToAgentKey;
}
