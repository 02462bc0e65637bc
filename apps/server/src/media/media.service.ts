import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { MediaView } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { detectContentType } from './media-content-type.js';
import type { MediaDirection, MediaKind } from './media-kind.js';
import { MEDIA_STORAGE, type ByteRange, type MediaStorage } from './media-storage.js';
import { MediaRepository, type MediaRow } from './media.repository.js';
import { mediaRowView } from './media-views.js';
import { MeasuredStream, MediaTooLarge } from './measured-stream.js';

export interface StoredObject {
  storageKey: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

export interface StoreMediaInput {
  /** The channel whose agents may see the file (authorisation follows the channel). */
  channelId: string;
  direction: MediaDirection;
  kind: MediaKind;
  data: Buffer | Readable;
  /** What the sender said it is; the stored type is sniffed from the bytes when they are recognisable. */
  contentType?: string | null;
  filename?: string | null;
  /** More bytes than this are refused with MediaTooLarge and nothing is kept. */
  maxBytes: number;
}

/** Our id of a media file → a storage key that spreads files over 256 directories. */
const storageKeyOf = (id: string) => `${id.slice(0, 2)}/${id}`;

/**
 * Media files for the rest of the server: store bytes and get an id; open an id and get the bytes. The
 * storage behind it (a local directory by default) is injected (MEDIA_STORAGE).
 */
@Injectable()
export class MediaService {
  constructor(
    private readonly media: MediaRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  /**
   * Stores a complete file (e.g. an agent's attachment): a `ready` media file, not yet linked to a message
   * (see MediaRepository.attachToMessage). More than `maxBytes`: a `media_too_large` error, nothing kept.
   */
  async store(input: StoreMediaInput): Promise<MediaView> {
    const id = randomUUID();
    let stored: StoredObject;
    try {
      stored = await this.writeObject(id, input.data, input.maxBytes, input.contentType ?? null);
    } catch (error) {
      if (error instanceof MediaTooLarge) {
        throw new DomainError(ErrorCode.MediaTooLarge, `The file is ${error.message}`);
      }
      throw error;
    }
    await this.media.insertReady({
      id,
      channelId: input.channelId,
      direction: input.direction,
      kind: input.kind,
      contentType: stored.contentType,
      bytes: stored.bytes,
      filename: input.filename ?? null,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
    });
    return (await this.describe(id))!;
  }

  /**
   * Writes the bytes of media file `id` to storage, measured on the way: MediaTooLarge (and nothing kept)
   * beyond `maxBytes`. Does not touch the database row.
   */
  async writeObject(
    id: string,
    data: Buffer | Readable,
    maxBytes: number,
    declaredType: string | null,
  ): Promise<StoredObject> {
    const storageKey = storageKeyOf(id);
    const measured = new MeasuredStream(maxBytes);
    const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
    // pipe() does not forward errors: a failing source must fail the write, not hang it.
    source.once('error', (error) => measured.destroy(error));
    await this.storage.put(storageKey, source.pipe(measured));
    return {
      storageKey,
      contentType: await detectContentType(measured.head, declaredType),
      bytes: measured.bytes,
      sha256: measured.sha256,
    };
  }

  async describe(id: string): Promise<MediaView | null> {
    const row = await this.media.find(id);
    return row ? mediaRowView(row) : null;
  }

  find(id: string): Promise<MediaRow | null> {
    return this.media.find(id);
  }

  /** The bytes of a ready file (or a range of them). NotFound when there is no such ready file. */
  async open(id: string, range?: ByteRange): Promise<{ media: MediaRow; stream: Readable }> {
    const media = await this.media.find(id);
    if (!media || media.state !== 'ready' || !media.storage_key) throw notFound('Media');
    return { media, stream: await this.storage.open(media.storage_key, range) };
  }

  /** The whole file in memory, for platform uploads (which are small: WeChat allows at most 20 MB). */
  async readAll(id: string): Promise<{ media: MediaRow; data: Buffer }> {
    const { media, stream } = await this.open(id);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { media, data: Buffer.concat(chunks) };
  }

  async deleteObject(storageKey: string): Promise<void> {
    await this.storage.delete(storageKey);
  }
}
