/** pending: not fetched from the platform yet (or retrying); ready: stored and servable; failed: see `failureReason`. */
export type MediaState = 'pending' | 'ready' | 'failed';

/** A stored file: an attachment of a message, in or out. */
export interface MediaView {
  id: string;
  state: MediaState;
  /** Known once the bytes are stored (checked by content, not by the platform's word). */
  contentType: string | null;
  bytes: number | null;
  filename: string | null;
  /**
   * Where the bytes are, once ready (`/api/media/<id>/content`). It needs either the session's bearer
   * header or, for `<img>`, `<audio>` and `<video>` (which cannot send headers), `?access=<ticket>` from
   * `POST /api/media/tickets`. Only users who may see the conversation's channel get the bytes; others 404.
   */
  url: string | null;
  /** Failed: why, in words for an agent. Pending: why the last attempt failed, if one did (it is retried). */
  failureReason: string | null;
}

/** `POST /api/media/tickets`: lets the browser load media with plain URLs, for this session only, until `expiresAt`. */
export interface MediaAccessTicket {
  ticket: string;
  expiresAt: string;
}
