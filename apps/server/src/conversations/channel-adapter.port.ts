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

export type DeliveryOutcome =
  | { ok: true; platformMessageId: string | null }
  | {
      ok: false;
      /** Readable by an agent: what happened and what to do. */
      reason: string;
      /** The platform did not take the message and a later attempt may succeed. */
      retryable: boolean;
    };

/**
 * The port the conversation core sends through. Each channel kind implements it once (CH6); nothing outside
 * the adapter knows about access tokens, OpenIDs or the platform's API.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  deliver(delivery: OutboundDelivery): Promise<DeliveryOutcome>;
}
