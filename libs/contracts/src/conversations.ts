import type { AttachmentKind, AttachmentRule } from './attachments.js';
import type { ChannelKind } from './channels.js';
import type { MediaView } from './media.js';
import type { ReplyWindowView } from './reply-window.js';

/** waiting: nobody has it yet; missed: waiting too long, still open and still takeable (see conversation-state.ts). */
export type ConversationStatus = 'waiting' | 'active' | 'missed' | 'closed';
export type MessageDirection = 'inbound' | 'outbound';
/**
 * received: inbound and stored. queued → sent | failed | unconfirmed: an agent's message on its way to the
 * platform. `unconfirmed`: the platform did not answer (a timeout, or the server stopped mid-send) and its
 * API has no idempotency key, so the message may or may not have reached the customer; it is not sent
 * again unless an agent asks.
 */
export type DeliveryState = 'received' | 'queued' | 'sent' | 'failed' | 'unconfirmed';

export interface ContactView {
  id: string;
  channelId: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface ConversationView {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  /** `inactive`: deactivated; `deleted`: the channel is gone and its conversations are read-only (CH2). */
  channelState: 'active' | 'inactive' | 'deleted';
  departmentId: string | null;
  contact: ContactView;
  status: ConversationStatus;
  assigneeId: string | null;
  lastMessageAt: string;
  /** One line for the inbox: the text, or "[Image]", "[Voice] <recognition>", "[Location] <label>"… */
  lastMessagePreview: string;
  /** The customer's last message (events such as follows and menu clicks do not count). */
  lastCustomerMessageAt: string | null;
  /** Whether a reply is allowed now: time and messages left, or the lock and its reason. */
  replyWindow: ReplyWindowView;
  /** What the channel lets an agent attach (kinds, formats by content, sizes); empty: text only. */
  attachmentRules: AttachmentRule[];
  createdAt: string;
}

/**
 * What happened on the platform that is not a message from the customer, in platform-neutral words. The
 * console shows every event as a system line with its `description`, so a new kind (WeCom's enter_session,
 * recalls…) needs no new rendering.
 */
export type ConversationEventKind =
  | 'followed'
  | 'unfollowed'
  | 'qr-scanned'
  | 'menu-clicked'
  | 'menu-link-opened'
  | 'location-reported'
  | 'other';

/**
 * The content of a message, by type. `M` is how media are referenced: the wire uses `MediaView`; the server
 * stores our media ids and adapters hand over the platform's ids. New platform types (WeCom's business_card,
 * miniprogram…) are new members here; anything not modelled yet is `unsupported`, never dropped.
 */
export type MessageContentOf<M> =
  | { type: 'text'; text: string }
  | { type: 'image'; image: M }
  /** `recognition`: the platform's speech-to-text, when it provides one. */
  | { type: 'voice'; audio: M; recognition: string | null }
  | { type: 'video'; video: M; thumbnail: M | null }
  | { type: 'shortvideo'; video: M; thumbnail: M | null }
  /** Degrees as WeChat reports them (GCJ-02 in mainland China); null when it sent none. `scale`: the customer's map zoom. */
  | {
      type: 'location';
      label: string;
      latitude: number | null;
      longitude: number | null;
      scale: number | null;
    }
  | { type: 'link'; title: string; description: string; url: string }
  | { type: 'file'; file: M }
  | {
      type: 'event';
      event: ConversationEventKind;
      /** The platform's own name for it (`subscribe`, `SCAN`, `CLICK`…). */
      platformEvent: string;
      /** For people: "Followed the account (QR scene: spring-promo)". */
      description: string;
      /** The QR scene, the menu key, or the link opened, when there is one. */
      key: string | null;
    }
  /** A type we do not model yet: the platform's name for it; every field it sent is stored with the message. */
  | { type: 'unsupported'; platformType: string };

export type MessageContent = MessageContentOf<MediaView>;
export type MessageType = MessageContent['type'];

export interface MessageView {
  id: string;
  /** The order the server stored messages in: WeChat's times have whole seconds, so several can share one. */
  sequence: number;
  conversationId: string;
  direction: MessageDirection;
  type: MessageType;
  /**
   * The words of the message where it has some: a text's text, a voice message's recognition, a link's
   * title, a location's label, an event's description; null otherwise. `content` has everything.
   */
  text: string | null;
  content: MessageContent;
  senderAgentId: string | null;
  senderName: string | null;
  deliveryState: DeliveryState;
  /** Why it failed, or why it is being retried (while `queued` after a failed attempt). */
  failureReason: string | null;
  /** Delivery attempts made so far (automatic retries after busy or unreachable platforms included). */
  attempts: number;
  /** How many times an agent asked to send it again (CV6). */
  retries: number;
  createdAt: string;
}

/**
 * `POST /api/conversations/:id/messages`. A file is uploaded first (`UploadedAttachment`), then sent by its
 * media id as the message type it was uploaded as. There are no captions: WeChat's image and voice messages
 * carry none, so words go in a text message of their own (which counts against the budget like any other).
 */
export type SendMessageRequest = { type: 'text'; text: string } | { type: AttachmentKind; mediaId: string };

export interface ListConversationsQuery {
  status?: ConversationStatus | 'open';
  channelId?: string;
}
