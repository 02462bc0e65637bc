import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** How many leading bytes content sniffing needs (file-type reads at most this much). */
const HEAD_BYTES = 4100;

export class MediaTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${formatBytes(maxBytes)}`);
    this.name = 'MediaTooLarge';
  }
}

/**
 * Passes bytes through while counting them, hashing them and keeping the first few KB for content sniffing;
 * errors with MediaTooLarge as soon as more than `maxBytes` went by, so an oversized download stops early.
 */
export class MeasuredStream extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new MediaTooLarge(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    if (this.headLength < HEAD_BYTES) {
      this.headChunks.push(chunk.subarray(0, HEAD_BYTES - this.headLength));
      this.headLength += Math.min(chunk.length, HEAD_BYTES - this.headLength);
    }
    done(null, chunk);
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
