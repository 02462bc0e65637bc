import type { ChannelKind } from './channels.js';
import type { ConversationStatus } from './conversations.js';

/**
 * A contact is one person on one channel (their OpenID on one Official Account, their external_userid on a
 * WeCom account). A person groups the contacts of one human (BX3): linked by the platform's UnionID when it
 * gives one, or merged by an agent. Every user sees only the contacts of channels they may see.
 */
export interface PersonContactView {
  id: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  /** The name the platform gave (or the fallback "<account name>_<openid>"). */
  displayName: string;
  avatarUrl: string | null;
  createdAt: string;
  /**
   * How this contact joined the person: `unionid` (the platform says it is the same human), `agent` (an
   * agent merged it), or null (the person's first contact).
   */
  linkedBy: 'unionid' | 'agent' | null;
  /** Set while the contact is blocked (CV4): their messages are stored but raise no chat. */
  blocked: ContactBlockView | null;
}

/** Who blocked a contact and when; `byName` is null when that user is gone. */
export interface ContactBlockView {
  at: string;
  byName: string | null;
}

/** A message a blocked contact sent: stored against the contact, in no conversation. */
export interface HeldMessageView {
  id: string;
  contactId: string;
  /** The words, or "[Image]"-style for what has none. */
  preview: string;
  createdAt: string;
}

export interface ContactConversationView {
  id: string;
  contactId: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  status: ConversationStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: string;
  lastMessageAt: string;
  closedAt: string | null;
  lastMessagePreview: string;
}

/** A private note an agent left in one of the person's conversations. */
export interface ContactNoteView {
  messageId: string;
  conversationId: string;
  text: string;
  authorName: string | null;
  createdAt: string;
}

export interface ContactTicketView {
  id: string;
  /** E.g. "#1042". */
  reference: string;
  subject: string;
  status: string;
  conversationId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type PersonActivityKind = 'linked' | 'merged' | 'split' | 'edited';

export interface PersonActivityView {
  id: string;
  at: string;
  kind: PersonActivityKind;
  /** Null: done by the desk itself (linked by UnionID). */
  actorName: string | null;
  /** For people: "Linked 李雷 on Demo Coffee by UnionID", "Li Na merged 李雷 on Demo Tea". */
  description: string;
  contactId: string | null;
}

/** GET /api/contacts/:id — the contact page (CV5). */
export interface ContactPageView {
  /** The contact asked for. */
  contact: PersonContactView;
  /** Null until the contact is linked, merged or described. */
  personId: string | null;
  /** What agents call this person: their own name for them, else the contact's. */
  displayName: string;
  /** The name agents chose (null: the platform's is used). */
  customName: string | null;
  /** What agents know about the person (free text). */
  notes: string;
  /** The person's contacts the user may see, this one first. */
  contacts: PersonContactView[];
  /** The person's conversations on those contacts, latest first (at most 100). */
  conversations: ContactConversationView[];
  /** The latest private notes in those conversations (at most 20). */
  conversationNotes: ContactNoteView[];
  /** Null when tickets are not part of this installation. */
  tickets: ContactTicketView[] | null;
  /** Messages the person's contacts sent while blocked, latest first (at most 20). */
  heldMessages: HeldMessageView[];
  /** Links, merges, splits and edits, latest first. */
  activity: PersonActivityView[];
}

/** PATCH /api/contacts/:id/person — omitted fields are unchanged; `displayName: null` goes back to the platform's. */
export interface UpdatePersonRequest {
  displayName?: string | null;
  notes?: string;
}

/** POST /api/contacts/:id/merge — makes the other contact (and everyone linked to it) the same person. */
export interface MergeContactRequest {
  contactId: string;
}
