import { describe, expect, it } from '@jest/globals';
import type { MessageContentOf } from '#contracts';
import {
  mapContentMedia,
  previewOfContent,
  textOf,
  toContentView,
  type StoredContent,
} from './message-content.js';

const ref = (mediaId: string) => ({ mediaId });

describe('message content', () => {
  it('writes the inbox preview of every type', () => {
    const previews: Array<[MessageContentOf<unknown>, string]> = [
      [{ type: 'text', text: '你好' }, '你好'],
      [{ type: 'text', text: 'x'.repeat(200) }, `${'x'.repeat(119)}…`],
      [{ type: 'image', image: {} }, '[Image]'],
      [{ type: 'voice', audio: {}, recognition: '我想退货' }, '[Voice] 我想退货'],
      [{ type: 'voice', audio: {}, recognition: null }, '[Voice]'],
      [{ type: 'video', video: {}, thumbnail: null }, '[Video]'],
      [{ type: 'shortvideo', video: {}, thumbnail: {} }, '[Short video]'],
      [
        { type: 'location', label: '广州塔', latitude: 23.1, longitude: 113.3, scale: 15 },
        '[Location] 广州塔',
      ],
      [{ type: 'link', title: 'Order 42', description: '', url: 'https://x.example' }, '[Link] Order 42'],
      [{ type: 'link', title: '', description: '', url: 'https://x.example' }, '[Link] https://x.example'],
      [{ type: 'file', file: {} }, '[File]'],
      [
        {
          type: 'event',
          event: 'followed',
          platformEvent: 'subscribe',
          description: 'Followed the account',
          key: null,
        },
        'Followed the account',
      ],
      [{ type: 'unsupported', platformType: 'miniprogrampage' }, '[Unsupported] miniprogrampage'],
    ];
    for (const [content, preview] of previews) expect(previewOfContent(content)).toBe(preview);
    expect(previewOfContent({ type: 'file', file: {} }, 'invoice.pdf')).toBe('[File] invoice.pdf');
  });

  it('gives the words of a message for search and plain displays', () => {
    expect(textOf({ type: 'voice', audio: {}, recognition: '你好' })).toBe('你好');
    expect(textOf({ type: 'image', image: {} })).toBeNull();
    expect(textOf({ type: 'location', label: '', latitude: 1, longitude: 2, scale: null })).toBeNull();
  });

  it('replaces every media reference, and only those', () => {
    const stored = mapContentMedia<{ platformMediaId: string }, { mediaId: string }>(
      { type: 'video', video: { platformMediaId: 'v' }, thumbnail: { platformMediaId: 't' } },
      (media) => ref(`ours-${media.platformMediaId}`),
    );
    expect(stored).toEqual({ type: 'video', video: ref('ours-v'), thumbnail: ref('ours-t') });
    const text = { type: 'text', text: 'hi' } as const;
    expect(mapContentMedia(text, () => ref('never'))).toBe(text);
  });

  it('resolves stored references to media views, and shows a missing file rather than breaking', () => {
    const content: StoredContent = { type: 'voice', audio: ref('a1'), recognition: null };
    expect(
      toContentView(content, [
        {
          id: 'a1',
          state: 'ready',
          contentType: 'audio/amr',
          bytes: 136,
          filename: 'voice.amr',
          failureReason: null,
        },
      ]),
    ).toEqual({
      type: 'voice',
      recognition: null,
      audio: {
        id: 'a1',
        state: 'ready',
        contentType: 'audio/amr',
        bytes: 136,
        filename: 'voice.amr',
        url: '/api/media/a1/content',
        failureReason: null,
      },
    });
    expect(toContentView({ type: 'image', image: ref('gone') }, [])).toMatchObject({
      image: { id: 'gone', state: 'failed', url: null, failureReason: 'The file is missing' },
    });
  });
});
