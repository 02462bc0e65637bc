import { replyWindowAt, type ConversationView, type ReplyWindowView } from '#contracts';
import { formatDuration } from '../ui/time-format';

/**
 * The server decides whether a reply is allowed (OA6, WC5) and says so in every conversation it sends; the
 * console re-reads that against its own clock, because the 48 hours run out while the chat is open.
 */
export function liveReplyWindow(conversation: ConversationView, now: number): ReplyWindowView {
  return replyWindowAt(conversation.replyWindow, now);
}

/** "37 h 12 m left · 3 of 5 messages left". */
export function meterText(window: ReplyWindowView, now: number): string {
  const time = window.closesAt === null ? null : `${formatDuration(Date.parse(window.closesAt) - now)} left`;
  const messages = `${window.messagesLeft} of ${window.messagesAllowed} message${window.messagesAllowed === 1 ? '' : 's'} left`;
  return time ? `${time} · ${messages}` : messages;
}
