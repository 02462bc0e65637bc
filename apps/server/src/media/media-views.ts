import type { MediaState, MediaView } from '#contracts';
import type { MediaRow } from './media.repository.js';

/** What a message query carries of each of its files (see MESSAGE_MEDIA_JSON). */
export interface MediaSummary {
  id: string;
  state: MediaState;
  contentType: string | null;
  bytes: number | null;
  filename: string | null;
  failureReason: string | null;
}

export const mediaContentPath = (id: string) => `/api/media/${id}/content`;

export function toMediaView(media: MediaSummary): MediaView {
  return {
    id: media.id,
    state: media.state,
    contentType: media.contentType,
    bytes: media.bytes === null ? null : Number(media.bytes),
    filename: media.filename,
    url: media.state === 'ready' ? mediaContentPath(media.id) : null,
    failureReason: media.failureReason,
  };
}

export function mediaRowView(row: MediaRow): MediaView {
  return toMediaView({
    id: row.id,
    state: row.state,
    contentType: row.content_type,
    bytes: row.bytes,
    filename: row.filename,
    failureReason: row.failure_reason,
  });
}

/** A message refers to a file that is not there (never expected; shown rather than breaking the message). */
export function missingMediaView(id: string): MediaView {
  return {
    id,
    state: 'failed',
    contentType: null,
    bytes: null,
    filename: null,
    url: null,
    failureReason: 'The file is missing',
  };
}
