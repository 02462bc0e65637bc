import type { MessageContentOf } from '#contracts';
import type { MediaKind } from '../media/media-kind.js';

/** A file the platform holds for an inbound message: the adapter fetches it by `platformMediaId` later. */
export interface InboundMedia {
  platformMediaId: string;
  kind: MediaKind;
  filename?: string | null;
}

export type InboundContent = MessageContentOf<InboundMedia>;

/** A customer's message (or a platform event about them) as the conversation core sees it, whatever platform it came from. */
export interface InboundMessage {
  channelId: string;
  /** The platform's id for the message, or a key derived from the event: retries carry the same one. */
  platformMessageId: string;
  sender: {
    platformUserId: string;
    /** Used when the contact is new and the platform gave no name (OA7). */
    fallbackDisplayName: string;
  };
  /**
   * What it does to the reply window (OA6): a customer's message `opens` it (48 hours, the budget reset, a
   * lock lifted); an unfollow `closes` it; other events (follow, menu click, location…) leave it `unchanged`.
   */
  replyWindowEffect: 'opens' | 'closes' | 'unchanged';
  content: InboundContent;
  /**
   * true: opens a conversation, or appends to the open one (customer messages; a "talk to an agent" menu
   * click). false: appended to the open conversation as a system line if there is one, else kept against
   * the contact and shown at the top of their next conversation (events of the last 48 hours).
   * Only `replyWindowEffect` moves the 48-hour reply window, whatever this says.
   */
  opensConversation: boolean;
  /** What the platform sent, kept for audits and for fields we do not model. */
  payload: Record<string, unknown>;
  sentAt: Date;
}
