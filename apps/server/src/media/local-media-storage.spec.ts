import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LocalMediaStorage } from './local-media-storage.js';
import { MediaObjectMissing } from './media-storage.js';

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('LocalMediaStorage', () => {
  let dir: string;
  let storage: LocalMediaStorage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'media-storage-'));
    storage = new LocalMediaStorage(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores, reads (whole or a range) and deletes', async () => {
    await storage.put('ab/abcdef', Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    expect((await read(await storage.open('ab/abcdef'))).toString()).toBe('hello world');
    expect((await read(await storage.open('ab/abcdef', { start: 6, end: 10 }))).toString()).toBe('world');
    await storage.delete('ab/abcdef');
    await expect(storage.open('ab/abcdef')).rejects.toBeInstanceOf(MediaObjectMissing);
    await storage.delete('ab/abcdef');
  });

  it('leaves nothing under the key when the source fails half way', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put('cd/broken', failing)).rejects.toThrow('connection reset');
    await expect(storage.open('cd/broken')).rejects.toBeInstanceOf(MediaObjectMissing);
    expect(await readdir(join(dir, 'cd'))).toEqual([]);
  });

  it('refuses keys that would leave its directory', async () => {
    for (const key of ['../escape', 'a/../../b', '/etc/passwd', 'a//b', '.hidden', '']) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/key/);
    }
  });
});
