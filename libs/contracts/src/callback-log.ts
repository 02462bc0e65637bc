import type { ChannelKind } from './channels.js';

/** new: the first delivery of this platform message; duplicate: a retry of one already stored. */
export type CallbackVerdict = 'new' | 'duplicate';
/** stored: in the database before we answered; refused: bad signature, bad XML… (nothing stored); failed: our error (the platform retries). */
export type CallbackResult = 'stored' | 'refused' | 'failed';

/**
 * One callback as the flight recorder saw it (BX1). `payload` is what we verified and decrypted — the
 * platform's fields and the non-secret query parameters; signatures and secrets are never kept. A refused
 * callback keeps no payload, only `bodyPrefix`: the first characters of what was sent.
 */
export interface CallbackLogEntryView {
  id: string;
  receivedAt: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  /** The platform's message type (`text`, `image`, `event`…); null when the callback was refused unread. */
  messageType: string | null;
  /** For events: the platform's event name (`subscribe`, `CLICK`…). */
  eventType: string | null;
  verdict: CallbackVerdict | null;
  result: CallbackResult;
  /** refused / failed: why. */
  reason: string | null;
  /** The platform's message id, or the key derived from an event: what makes a retry a duplicate. */
  platformMessageId: string | null;
  /** The stored message (or the earlier one, for a duplicate). */
  messageId: string | null;
  conversationId: string | null;
  /** Whether the body came encrypted. */
  encrypted: boolean;
  bodyBytes: number;
  payload: Record<string, unknown> | null;
  bodyPrefix: string | null;
  /** Set on an entry made by "re-ingest": the entry it replayed. */
  reingestOf: string | null;
  /** Only failed entries can be re-ingested. */
  canReingest: boolean;
}

/** `GET /api/admin/callbacks` (admins only): newest first; pass `nextCursor` back as `before` for the next page. */
export interface CallbackLogQuery {
  channelId?: string;
  result?: CallbackResult;
  verdict?: CallbackVerdict;
  /** The platform's message type, e.g. `image` or `event`. */
  type?: string;
  /** ISO date-times, inclusive. */
  from?: string;
  to?: string;
  /** 1–200, default 50. */
  limit?: number;
  before?: string;
}

export interface CallbackLogPage {
  entries: CallbackLogEntryView[];
  nextCursor: string | null;
  /** How long entries are kept (CALLBACK_LOG_RETENTION_DAYS). */
  retentionDays: number;
}
