import { describe, expect, it } from '@jest/globals';
import type { AttachmentRule } from '#contracts';
import { acceptAttribute, checkFileHead, kindOfFile, sniffHead } from './attachment-file-check';

const MB = 1024 * 1024;
const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)),
  );

/** The Official Account's rules, as its adapter declares them. */
const OA_ATTACHMENT_RULES: AttachmentRule[] = [
  {
    kind: 'image',
    formats: [
      { contentType: 'image/jpeg', label: 'JPG', extensions: ['jpg', 'jpeg'] },
      { contentType: 'image/png', label: 'PNG', extensions: ['png'] },
    ],
    maxBytes: 10 * MB,
    minBytes: 1,
  },
  {
    kind: 'voice',
    formats: [
      { contentType: 'audio/mpeg', label: 'MP3', extensions: ['mp3', 'mpeg'] },
      { contentType: 'audio/amr', label: 'AMR', extensions: ['amr'] },
    ],
    maxBytes: 2 * MB,
    minBytes: 1,
  },
  {
    kind: 'video',
    formats: [{ contentType: 'video/mp4', label: 'MP4', extensions: ['mp4'] }],
    maxBytes: 10 * MB,
    minBytes: 1,
  },
];

const SAMPLE_FILES = {
  jpg: bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF photo'),
  png: bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'),
  gif: bytes('GIF89a', [1, 0, 1, 0]),
  mp3: bytes('ID3', [3, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]),
  amr: bytes('#!AMR\n', [0x3c, 0x3c]),
  mp4: bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2'),
  pdf: bytes('%PDF-1.4\n'),
};

const check = (name: string, type: string, data: Uint8Array, size = data.length) =>
  checkFileHead(OA_ATTACHMENT_RULES, { name, type, size }, data);

describe('the composer’s check of a chosen file, before uploading', () => {
  it('tells the formats agents send by their first bytes', () => {
    expect(sniffHead(SAMPLE_FILES.jpg)).toBe('image/jpeg');
    expect(sniffHead(SAMPLE_FILES.png)).toBe('image/png');
    expect(sniffHead(SAMPLE_FILES.gif)).toBe('image/gif');
    expect(sniffHead(SAMPLE_FILES.mp3)).toBe('audio/mpeg');
    expect(sniffHead(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg');
    expect(sniffHead(SAMPLE_FILES.amr)).toBe('audio/amr');
    expect(sniffHead(SAMPLE_FILES.mp4)).toBe('video/mp4');
    expect(sniffHead(bytes('hello world'))).toBeNull();
  });

  it('takes the kind from what the file claims, and accepts what the channel allows', () => {
    expect(kindOfFile(OA_ATTACHMENT_RULES, { name: 'x.JPEG', type: '' })).toBe('image');
    expect(kindOfFile(OA_ATTACHMENT_RULES, { name: 'x', type: 'audio/amr' })).toBe('voice');
    expect(kindOfFile(OA_ATTACHMENT_RULES, { name: 'x.gif', type: 'image/gif' })).toBe('image');
    expect(kindOfFile(OA_ATTACHMENT_RULES, { name: 'x.pdf', type: 'application/pdf' })).toBeNull();
    expect(check('photo.png', 'image/png', SAMPLE_FILES.png)).toMatchObject({
      kind: 'image',
      check: { ok: true },
    });
    expect(check('memo.amr', '', SAMPLE_FILES.amr)).toMatchObject({ kind: 'voice', check: { ok: true } });
    expect(check('clip.mp4', 'video/mp4', SAMPLE_FILES.mp4)).toMatchObject({
      kind: 'video',
      check: { ok: true },
    });
    // A pasted screenshot has no useful name: its bytes say what it is.
    expect(check('', '', SAMPLE_FILES.png)).toMatchObject({ kind: 'image', check: { ok: true } });
  });

  it('refuses what the server would, in the same words: mislabelled, not allowed, too large', () => {
    expect(check('song.mp3', 'audio/mpeg', SAMPLE_FILES.png).check).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^“song\.mp3” cannot be sent as a voice message: it is a PNG image/),
    });
    expect(check('party.gif', 'image/gif', SAMPLE_FILES.gif).check).toMatchObject({
      ok: false,
      reason: 'type-not-accepted',
    });
    expect(check('huge.jpg', 'image/jpeg', SAMPLE_FILES.jpg, 11 * MB).check).toEqual({
      ok: false,
      reason: 'too-large',
      message: '“huge.jpg” is too large: an image can be at most 10 MB on this channel. This one is 11 MB.',
    });
    expect(check('invoice.pdf', 'application/pdf', SAMPLE_FILES.pdf).check).toEqual({
      ok: false,
      reason: 'kind-not-accepted',
      message:
        '“invoice.pdf” cannot be sent on this channel. Images: JPG or PNG, at most 10 MB · Voice messages: MP3 or AMR, at most 2 MB · Videos: MP4, at most 10 MB.',
    });
  });

  it('leaves bytes it cannot tell to the server rather than guessing', () => {
    expect(check('scan.png', 'image/png', bytes('not really a png')).check.ok).toBe(true);
  });

  it('offers the channel’s formats in the file picker', () => {
    expect(acceptAttribute(OA_ATTACHMENT_RULES)).toBe(
      '.jpg,.jpeg,image/jpeg,.png,image/png,.mp3,.mpeg,audio/mpeg,.amr,audio/amr,.mp4,video/mp4',
    );
  });
});
