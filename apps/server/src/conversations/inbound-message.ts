/** A customer's message as the conversation core sees it, whatever platform it came from. */
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
  type: 'text' | 'unsupported';
  text: string | null;
  /** What the platform sent, kept for rendering richer types and for audits. */
  payload: Record<string, unknown>;
  sentAt: Date;
  /**
   * A customer's message opens a conversation when none is open; an event (a follow, a menu view…) does not,
   * unless the customer asked for a person (a "talk to an agent" menu click). An event that opens nothing is
   * added to the open conversation if there is one, and otherwise not stored as a message.
   */
  opensConversation: boolean;
}
