/** What a media file is to its message: the platform fetches (and limits) each kind its own way. */
export type MediaKind = 'image' | 'voice' | 'video' | 'thumbnail' | 'file';
export type MediaDirection = 'inbound' | 'outbound';

/** Inbound media larger than this are refused (OA5: "incoming up to 50 MB"). */
export const MAX_INBOUND_MEDIA_BYTES = 50 * 1024 * 1024;
