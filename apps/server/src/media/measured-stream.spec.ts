import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { detectContentType, mayDisplayInline } from './media-content-type.js';
import { MeasuredStream, MediaTooLarge } from './measured-stream.js';

const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

describe('MeasuredStream', () => {
  it('counts, hashes and keeps the head of what passes', async () => {
    const data = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(10_000, 1)]);
    const measured = new MeasuredStream(1_000_000);
    await pipeline(Readable.from([data.subarray(0, 3000), data.subarray(3000)]), measured, sink());
    expect(measured.bytes).toBe(data.length);
    expect(measured.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(measured.head.equals(data.subarray(0, 4100))).toBe(true);
  });

  it('stops the stream once it passes the limit', async () => {
    const measured = new MeasuredStream(10);
    await expect(
      pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), measured, sink()),
    ).rejects.toBeInstanceOf(MediaTooLarge);
    await expect(
      pipeline(Readable.from([Buffer.alloc(10)]), new MeasuredStream(10), sink()),
    ).resolves.toBeUndefined();
  });
});

describe('content types', () => {
  it('believes the bytes, and the sender only for types a browser would not render', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await detectContentType(png, 'application/octet-stream')).toBe('image/png');
    expect(await detectContentType(Buffer.from('#!AMR\n' + '\0'.repeat(20)), null)).toBe('audio/amr');
    expect(await detectContentType(Buffer.from('<html><script>'), 'image/png')).toBe(
      'application/octet-stream',
    );
    expect(await detectContentType(Buffer.from('%%%%'), 'application/x-custom; charset=binary')).toBe(
      'application/x-custom',
    );
    expect(await detectContentType(Buffer.alloc(0), 'not a type')).toBe('application/octet-stream');
  });

  it('renders only images, audio and video inline; SVG and HTML are downloads', () => {
    expect(mayDisplayInline('image/jpeg')).toBe(true);
    expect(mayDisplayInline('audio/amr')).toBe(true);
    expect(mayDisplayInline('video/mp4')).toBe(true);
    expect(mayDisplayInline('image/svg+xml')).toBe(false);
    expect(mayDisplayInline('text/html')).toBe(false);
  });
});
