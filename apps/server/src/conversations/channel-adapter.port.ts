import type { Readable } from 'node:stream';
import type { ChannelKind } from '#contracts';
import type { MediaKind } from '../media/media-kind.js';

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

/** A file of an inbound message, to fetch from the platform that holds it. */
export interface MediaFetchRequest {
  channelId: string;
  /** What the adapter put in the message's content (`InboundMedia.platformMediaId`). */
  platformMediaId: string;
  kind: MediaKind;
}

export type MediaFetchOutcome =
  | {
      ok: true;
      /** What the platform says the bytes are; the core sniffs the bytes themselves before trusting it. */
      contentType: string | null;
      filename: string | null;
      /** Content-Length when the platform sent one: lets the core refuse an oversized file before reading it. */
      declaredBytes: number | null;
      /** The bytes, streamed; the core destroys it if it stops reading early. */
      body: Readable;
    }
  | {
      ok: false;
      /** Readable by an agent: what happened. */
      reason: string;
      /** A later attempt may succeed (timeouts, 5xx, a busy platform); otherwise the file is marked failed. */
      retryable: boolean;
    };

/**
 * The port the conversation core sends and fetches media through. Each channel kind implements it once
 * (CH6); nothing outside the adapter knows about access tokens, OpenIDs or the platform's API.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  deliver(delivery: OutboundDelivery): Promise<DeliveryOutcome>;
  /** Opens an inbound message's file on the platform (OA: `media/get`); never throws for platform errors. */
  fetchMedia(request: MediaFetchRequest): Promise<MediaFetchOutcome>;
}
