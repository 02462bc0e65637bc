import type { Readable } from 'node:stream';
import type { AttachmentKind, AttachmentRule, ChannelKind } from '#contracts';
import type { MediaKind } from '../media/media-kind.js';

/** One outbound message on its way to a platform; the adapter knows how that platform addresses people. */
export interface OutboundDelivery {
  channelId: string;
  /** The platform's id of the recipient (the contact's platform user id). */
  recipient: string;
  /** Our id for this message: adapters whose platform supports idempotency keys pass it on. */
  clientMessageId: string;
  content: OutboundContent;
}

export type OutboundContent = { type: 'text'; text: string } | { type: AttachmentKind; file: OutboundFile };

/** What the platform gave for an uploaded file: temporary ids (WeChat's last 3 days) expire. */
export interface PlatformUpload {
  platformMediaId: string;
  expiresAt: Date;
}

/**
 * An agent's file on its way out, checked against the channel's rules when it was uploaded. Adapters whose
 * platform wants files uploaded before they are sent keep the platform's id through `rememberUpload`, so that
 * a retry within the id's lifetime does not upload the file again.
 */
export interface OutboundFile {
  /** Our media id. */
  id: string;
  /** As sniffed from the bytes when it was stored. */
  contentType: string;
  bytes: number;
  filename: string;
  read(): Promise<Buffer>;
  /** The platform's id from an earlier attempt, or null; it may have expired (check `expiresAt`). */
  platformUpload: PlatformUpload | null;
  rememberUpload(upload: PlatformUpload): Promise<void>;
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
  /**
   * The platform's id for the human across its apps (WeChat's UnionID, when the account is bound to an Open
   * Platform account; WeCom's `kf/customer/batchget` gives it too): contacts on several channels with the
   * same one are the same person (BX3). Absent or null when the platform does not say.
   */
  unionId?: string | null;
}

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
  /** The channel's reply rules; cheap (cached by the adapter), called for every conversation shown. */
  replyRules(channelId: string): Promise<ReplyRules>;
  /**
   * What agents may attach on this channel (kinds, formats by content, sizes): shown to the console and
   * enforced on upload by the core. Cheap; an empty list means text only.
   */
  attachmentRules(channelId: string): Promise<AttachmentRule[]>;
  /** Shows "typing" to the customer. Best effort: resolves or rejects, never affects sending. */
  sendTyping(target: { channelId: string; recipient: string }): Promise<void>;
  /** The person's profile as the platform knows it; null when the platform cannot say (e.g. unfollowed). */
  fetchProfile(target: { channelId: string; platformUserId: string }): Promise<ContactProfile | null>;
  /** Opens an inbound message's file on the platform (OA: `media/get`); never throws for platform errors. */
  fetchMedia(request: MediaFetchRequest): Promise<MediaFetchOutcome>;
}
