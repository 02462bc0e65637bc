import { describe, expect, it } from '@jest/globals';
import {
  checkAttachment,
  describeAttachmentRule,
  type AttachmentKind,
  type AttachmentRule,
} from '#contracts';
import { SAMPLE_FILES, sized } from '../../../../test/support/sample-files.js';
import { OA_ATTACHMENT_RULES } from '../channels/wechat-oa/oa-attachment-rules.js';
import { sniffContentType } from '../media/media-content-type.js';
import { cleanFilename } from './attachment-upload.service.js';

const MB = 1024 * 1024;

/** What the upload route does with a file: sniff its bytes, check them against the channel's rules. */
async function check(rules: AttachmentRule[], kind: AttachmentKind, data: Buffer, filename: string) {
  const contentType = await sniffContentType(data.subarray(0, 4100));
  return checkAttachment(rules, { kind, contentType, bytes: data.length, filename });
}

/** WeCom's rules (WC6), as its adapter will declare them: the checker handles files and minimum sizes. */
const WECOM_LIKE: AttachmentRule[] = [
  {
    kind: 'image',
    formats: [
      { contentType: 'image/jpeg', label: 'JPG', extensions: ['jpg', 'jpeg'] },
      { contentType: 'image/png', label: 'PNG', extensions: ['png'] },
    ],
    maxBytes: 2 * MB,
    minBytes: 6,
  },
  {
    kind: 'file',
    formats: [{ contentType: 'application/pdf', label: 'PDF', extensions: ['pdf'] }],
    maxBytes: 20 * MB,
    minBytes: 6,
  },
];

describe('attachment checks by content (OA5, WC6)', () => {
  it('accepts every type the Official Account allows, by its bytes', async () => {
    const accepted: Array<[AttachmentKind, Buffer, string]> = [
      ['image', SAMPLE_FILES.jpg, 'image/jpeg'],
      ['image', SAMPLE_FILES.png, 'image/png'],
      ['voice', SAMPLE_FILES.mp3, 'audio/mpeg'],
      ['voice', SAMPLE_FILES.amr, 'audio/amr'],
      ['video', SAMPLE_FILES.mp4, 'video/mp4'],
    ];
    for (const [kind, data, contentType] of accepted) {
      const result = await check(OA_ATTACHMENT_RULES, kind, data, `file.${kind}`);
      expect(result).toMatchObject({ ok: true, format: { contentType } });
    }
  });

  it('believes the bytes, not the name: a PNG named .mp3 is not a voice message, an MP3 named .jpg not an image', async () => {
    expect(await check(OA_ATTACHMENT_RULES, 'voice', SAMPLE_FILES.png, 'song.mp3')).toEqual({
      ok: false,
      reason: 'type-not-accepted',
      message:
        '“song.mp3” cannot be sent as a voice message: it is a PNG image (checked by its content, not its name). Voice messages: MP3 or AMR, at most 2 MB.',
    });
    expect(await check(OA_ATTACHMENT_RULES, 'image', SAMPLE_FILES.mp3, 'photo.jpg')).toMatchObject({
      ok: false,
      reason: 'type-not-accepted',
      message: expect.stringContaining('“photo.jpg” cannot be sent as an image: it is an MP3 audio file'),
    });
    expect(await check(OA_ATTACHMENT_RULES, 'video', SAMPLE_FILES.jpg, 'clip.mp4')).toMatchObject({
      ok: false,
      reason: 'type-not-accepted',
    });
  });

  it('refuses formats WeChat could take but the product does not (GIF), and bytes nobody recognises', async () => {
    expect(await check(OA_ATTACHMENT_RULES, 'image', SAMPLE_FILES.gif, 'fun.gif')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/it is a GIF image .* Images: JPG or PNG, at most 10 MB\.$/),
    });
    expect(await check(OA_ATTACHMENT_RULES, 'image', Buffer.from('just some text'), 'a.png')).toMatchObject({
      ok: false,
      message: expect.stringContaining('it is not a format we recognise'),
    });
  });

  it('refuses kinds the channel cannot send', async () => {
    expect(await check(OA_ATTACHMENT_RULES, 'file', SAMPLE_FILES.pdf, 'invoice.pdf')).toEqual({
      ok: false,
      reason: 'kind-not-accepted',
      message: 'This channel cannot send files; it accepts images, voice messages or videos.',
    });
  });

  it('allows each kind up to its own limit, to the byte, and names the limit when it refuses', async () => {
    for (const [kind, sample, limit] of [
      ['image', SAMPLE_FILES.jpg, 10 * MB],
      ['voice', SAMPLE_FILES.amr, 2 * MB],
      ['video', SAMPLE_FILES.mp4, 10 * MB],
    ] as const) {
      expect((await check(OA_ATTACHMENT_RULES, kind, sized(sample, limit), 'x')).ok).toBe(true);
      const over = await check(OA_ATTACHMENT_RULES, kind, sized(sample, limit + 1), 'big');
      expect(over).toMatchObject({ ok: false, reason: 'too-large' });
    }
    expect(await check(OA_ATTACHMENT_RULES, 'voice', sized(SAMPLE_FILES.mp3, 3 * MB), 'talk.mp3')).toEqual({
      ok: false,
      reason: 'too-large',
      message:
        '“talk.mp3” is too large: a voice message can be at most 2 MB on this channel. This one is 3 MB.',
    });
  });

  it('applies a platform minimum where there is one: WeCom wants more than 5 bytes', async () => {
    const five = sized(SAMPLE_FILES.pdf, 5);
    expect(await check(WECOM_LIKE, 'file', five, 'tiny.pdf')).toEqual({
      ok: false,
      reason: 'too-small',
      message:
        '“tiny.pdf” is too small: the platform needs a file larger than 5 bytes, and this one is 5 bytes.',
    });
    expect((await check(WECOM_LIKE, 'file', sized(SAMPLE_FILES.pdf, 6), 'ok.pdf')).ok).toBe(true);
    expect((await check(WECOM_LIKE, 'image', SAMPLE_FILES.png, 'p.png')).ok).toBe(true);
    expect(OA_ATTACHMENT_RULES.map((rule) => rule.minBytes)).toEqual([1, 1, 1]);
  });

  it('describes each rule the way the console shows it', () => {
    expect(OA_ATTACHMENT_RULES.map(describeAttachmentRule)).toEqual([
      'Images: JPG or PNG, at most 10 MB',
      'Voice messages: MP3 or AMR, at most 2 MB',
      'Videos: MP4, at most 10 MB',
    ]);
    expect(describeAttachmentRule(WECOM_LIKE[1])).toBe('Files: PDF, at most 20 MB, more than 5 bytes');
  });

  it('keeps only the name of an uploaded file: no folders, no control characters', () => {
    expect(cleanFilename('C:\\Users\\amy\\照片.jpg')).toBe('照片.jpg');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\nc.png')).toBe('abc.png');
    expect(cleanFilename('..')).toBeNull();
    expect(cleanFilename(undefined)).toBeNull();
    expect(cleanFilename(`${'x'.repeat(300)}.png`)).toHaveLength(120);
  });
});
