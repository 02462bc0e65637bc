import type { AttachmentKind, MediaView, MessageContent, MessageContentOf } from '#contracts';
import { missingMediaView, toMediaView, type MediaSummary } from '../media/media-views.js';

/** How a stored message refers to its files: our media ids. */
export interface StoredMediaRef {
  mediaId: string;
}
export type StoredContent = MessageContentOf<StoredMediaRef>;

/** The same content with every media reference replaced by `map(reference)`. */
export function mapContentMedia<A, B>(
  content: MessageContentOf<A>,
  map: (media: A) => B,
): MessageContentOf<B> {
  switch (content.type) {
    case 'image':
      return { ...content, image: map(content.image) };
    case 'voice':
      return { ...content, audio: map(content.audio) };
    case 'video':
    case 'shortvideo':
      return {
        ...content,
        video: map(content.video),
        thumbnail: content.thumbnail === null ? null : map(content.thumbnail),
      };
    case 'file':
      return { ...content, file: map(content.file) };
    case 'text':
    case 'location':
    case 'link':
    case 'event':
    case 'unsupported':
      return content;
  }
}

/** The file an agent's message sends, if it is one of the kinds agents attach. */
export function attachmentOf(content: StoredContent): { kind: AttachmentKind; mediaId: string } | null {
  switch (content.type) {
    case 'image':
      return { kind: 'image', mediaId: content.image.mediaId };
    case 'voice':
      return { kind: 'voice', mediaId: content.audio.mediaId };
    case 'video':
      return { kind: 'video', mediaId: content.video.mediaId };
    case 'file':
      return { kind: 'file', mediaId: content.file.mediaId };
    case 'shortvideo':
    case 'text':
    case 'location':
    case 'link':
    case 'event':
    case 'unsupported':
      return null;
  }
}

/** The words of a message, for search and for plain displays (MessageView.text). */
export function textOf(content: MessageContentOf<unknown>): string | null {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'voice':
      return content.recognition;
    case 'link':
      return content.title || content.url;
    case 'location':
      return content.label || null;
    case 'event':
      return content.description;
    case 'image':
    case 'video':
    case 'shortvideo':
    case 'file':
    case 'unsupported':
      return null;
  }
}

const PREVIEW_MAX = 120;
const clip = (text: string) => (text.length > PREVIEW_MAX ? `${text.slice(0, PREVIEW_MAX - 1)}…` : text);
const labelled = (label: string, detail: string | null | undefined) =>
  clip(detail ? `[${label}] ${detail}` : `[${label}]`);

/** One line for the inbox: "[Image]", "[Voice] 我想退货", "[Location] 广州市天河区", an event's description… */
export function previewOfContent(content: MessageContentOf<unknown>, filename?: string | null): string {
  switch (content.type) {
    case 'text':
      return clip(content.text);
    case 'image':
      return labelled('Image', null);
    case 'voice':
      return labelled('Voice', content.recognition);
    case 'video':
      return labelled('Video', null);
    case 'shortvideo':
      return labelled('Short video', null);
    case 'location':
      return labelled('Location', content.label);
    case 'link':
      return labelled('Link', content.title || content.url);
    case 'file':
      return labelled('File', filename);
    case 'event':
      return clip(content.description);
    case 'unsupported':
      return labelled('Unsupported', content.platformType);
  }
}

/** The wire content: media references resolved to what is known of each file. */
export function toContentView(content: StoredContent, media: MediaSummary[]): MessageContent {
  const byId = new Map(media.map((m) => [m.id, m]));
  return mapContentMedia(content, (ref): MediaView => {
    const found = byId.get(ref.mediaId);
    return found ? toMediaView(found) : missingMediaView(ref.mediaId);
  });
}
