import type { SimulatorClock } from '../clock.js';
import { randomChars } from '../ids.js';

export interface StoredMedia {
  mediaId: string;
  /** appId or corpId that owns it. */
  owner: string;
  type: string;
  filename: string;
  contentType: string;
  data: Buffer;
  createdAt: number;
}

/** Temporary media live 3 days on both platforms. */
export const MEDIA_TTL_MS = 3 * 86_400_000;

export class MediaStore {
  private readonly media = new Map<string, StoredMedia>();

  constructor(
    private readonly clock: SimulatorClock,
    private readonly idLength = 64,
  ) {}

  put(owner: string, type: string, filename: string, contentType: string, data: Buffer): StoredMedia {
    this.purgeExpired();
    const item: StoredMedia = {
      mediaId: randomChars(this.idLength),
      owner,
      type,
      filename,
      contentType,
      data,
      createdAt: this.clock.now(),
    };
    this.media.set(item.mediaId, item);
    return item;
  }

  /** The media if it exists, belongs to `owner` and has not expired. */
  get(owner: string, mediaId: unknown): StoredMedia | undefined {
    if (typeof mediaId !== 'string') return undefined;
    const item = this.media.get(mediaId);
    if (!item || item.owner !== owner || this.clock.now() >= item.createdAt + MEDIA_TTL_MS) return undefined;
    return item;
  }

  /** Any owner's media, for the public PicUrl route. */
  find(mediaId: string): StoredMedia | undefined {
    const item = this.media.get(mediaId);
    return item && this.clock.now() < item.createdAt + MEDIA_TTL_MS ? item : undefined;
  }

  private purgeExpired(): void {
    const now = this.clock.now();
    for (const [id, item] of this.media) if (now >= item.createdAt + MEDIA_TTL_MS) this.media.delete(id);
  }
}
