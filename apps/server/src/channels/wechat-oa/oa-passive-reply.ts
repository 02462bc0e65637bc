import { buildOaTextReply, sealOaReply, type OaCallbackQuery, type OaInboundMessage } from '#wechat';
import type { OaChannel } from './oa-channel-directory.js';

/**
 * The passive reply to a push, if the channel has one for it, sealed for the channel's encryption mode
 * (encrypted in safe mode, and in compatible mode when the push came encrypted). Passive replies are part
 * of the callback's answer: they cost no API call and no message quota.
 */
export function passiveReplyTo(
  channel: OaChannel,
  message: OaInboundMessage,
  query: OaCallbackQuery,
): string | null {
  // Follow auto-reply (OA9): a new follower, including one who followed by scanning a QR code.
  if (message.type === 'event' && message.event === 'subscribe' && channel.followReplyText) {
    const xml = buildOaTextReply({
      toUserName: message.fromUserName,
      // The push's own addressee, which is the account's gh_ id even if the channel's Original ID has a typo.
      fromUserName: message.toUserName,
      content: channel.followReplyText,
    });
    return sealOaReply(xml, query, channel.callback);
  }
  return null;
}
