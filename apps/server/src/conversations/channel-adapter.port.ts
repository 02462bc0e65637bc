import type { ChannelKind } from '#contracts';

/** One outbound message on its way to a platform; the adapter knows how that platform addresses people. */
export interface OutboundDelivery {
  channelId: string;
  /** The platform's id of the recipient (the contact's platform user id). */
  recipient: string;
  /** Our id for this message: adapters whose platform supports idempotency keys pass it on. */
  clientMessageId: string;
  content: { type: 'text'; text: string };
}

/** A lock the platform's refusal means for the conversation, until the customer writes again. */
export type PlatformRefusalLock = 'window-expired' | 'budget-used' | 'unfollowed';

export type DeliveryOutcome =
  | { ok: true; platformMessageId: string | null }
  | {
      ok: false;
      /**
       * - `retryable`: provably not delivered (no connection, platform busy, 5xx, rate limit); try again later.
       * - `uncertain`: the platform may have it (timeout, connection lost mid-request) and cannot be asked;
       *   sending again could make the customer see it twice, so only an agent decides.
       * - `rejected`: the platform refused it for good (content, configuration, the channel is gone).
       * - `locked`: the platform refused because of the conversation's state (see `lock`).
       */
      failure: 'retryable' | 'uncertain' | 'rejected';
      /** Readable by an agent: what happened and what to do. */
      reason: string;
    }
  | { ok: false; failure: 'locked'; lock: PlatformRefusalLock; reason: string };

/** How many agent messages the channel allows per customer message (OA6: per channel, default 5). */
export interface ReplyRules {
  messagesPerCustomerMessage: number;
}

/** What the platform tells about a person; null fields when it does not say (WeChat mostly does not, OA7). */
export interface ContactProfile {
  displayName: string | null;
  avatarUrl: string | null;
}

/**
 * The port the conversation core sends through. Each channel kind implements it once (CH6); nothing outside
 * the adapter knows about access tokens, OpenIDs or the platform's API.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  deliver(delivery: OutboundDelivery): Promise<DeliveryOutcome>;
  /** The channel's reply rules; cheap (cached by the adapter), called for every conversation shown. */
  replyRules(channelId: string): Promise<ReplyRules>;
  /** Shows "typing" to the customer. Best effort: resolves or rejects, never affects sending. */
  sendTyping(target: { channelId: string; recipient: string }): Promise<void>;
  /** The person's profile as the platform knows it; null when the platform cannot say (e.g. unfollowed). */
  fetchProfile(target: { channelId: string; platformUserId: string }): Promise<ContactProfile | null>;
}
