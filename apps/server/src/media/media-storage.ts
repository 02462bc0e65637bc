import type { Readable } from 'node:stream';

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live. The local directory is the default; an object store (S3, COS, MinIO…) is another
 * implementation of the same three calls. Keys are ours (never a platform's or a user's file name).
 */
export interface MediaStorage {
  /** Stores the object atomically: afterwards it is there complete, or (if `source` fails) not at all. */
  put(key: string, source: Readable): Promise<void>;
  /** The object's bytes, or a range of them. Throws MediaObjectMissing when it is not there. */
  open(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

export class MediaObjectMissing extends Error {
  constructor(key: string) {
    super(`No stored media object ${key}`);
    this.name = 'MediaObjectMissing';
  }
}
