import { Readable } from 'node:stream';

export interface StreamHead {
  /** Up to the first `bytes` bytes (fewer only when the stream ended before). */
  head: Buffer;
  /** The stream ended within the head: `head` is all of it. */
  ended: boolean;
  /** The whole stream again, head included; `discard()` when it will not be read. */
  whole: Readable;
  discard(): void;
}

/**
 * Reads the first bytes of a stream (to sniff its type and refuse it before anything is stored) without
 * losing them: `whole` replays them, then the rest as it arrives.
 */
export async function readStreamHead(source: Readable, bytes: number): Promise<StreamHead> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const received = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    yield received;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const whole = Readable.from(replay(), { objectMode: false });
  return {
    head: received.subarray(0, bytes),
    ended,
    whole,
    discard: () => {
      whole.destroy();
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    },
  };
}
