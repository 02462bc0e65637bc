import { SAMPLE_AMR, SAMPLE_MP4, SAMPLE_PNG } from '../../apps/simulator/src/media/media-content.js';

/** Small files that are what their bytes say, for the attachment tests (sniffed as file-type does). */
export const SAMPLE_FILES = {
  png: SAMPLE_PNG,
  jpg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from('an agent photo'),
    Buffer.alloc(2000, 9),
  ]),
  gif: Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(200, 1)]),
  // An ID3 tag, then an MPEG audio frame header.
  mp3: Buffer.concat([
    Buffer.from('ID3', 'latin1'),
    Buffer.from([3, 0, 0, 0, 0, 0, 0]),
    Buffer.from([0xff, 0xfb, 0x90, 0x64]),
    Buffer.alloc(1500, 0x55),
  ]),
  amr: SAMPLE_AMR,
  mp4: SAMPLE_MP4,
  pdf: Buffer.from('%PDF-1.4\n%agent\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1'),
};

/** A file of exactly `bytes` bytes that starts like `sample` (so it sniffs as the same type). */
export function sized(sample: Buffer, bytes: number): Buffer {
  const file = Buffer.alloc(bytes, 0x20);
  sample.copy(file, 0, 0, Math.min(sample.length, bytes));
  return file;
}
