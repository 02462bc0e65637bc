import { describe, expect, it } from '@jest/globals';
import { previewParts } from '../../inbox/preview-parts';
import { formatBytes, formatCoordinates, hostOf, mapLinks, safeHttpUrl } from './media-format';

describe('how message content reads in the console', () => {
  it('opens only web links a customer sent', () => {
    expect(safeHttpUrl('https://shop.example.com/a?b=1')).toBe('https://shop.example.com/a?b=1');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
    expect(hostOf('https://shop.example.com/a')).toBe('shop.example.com');
  });

  it('formats sizes, coordinates and map links', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(136 * 1024)).toBe('136 KB');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatCoordinates(23.1064, 113.324553)).toBe('23.106400, 113.324553');
    expect(formatCoordinates(null, 113)).toBeNull();
    expect(mapLinks(23.1, 113.3, '广州塔').openStreetMap).toBe(
      'https://www.openstreetmap.org/?mlat=23.1&mlon=113.3#map=16/23.1/113.3',
    );
    expect(mapLinks(23.1, 113.3, '广州塔').amap).toContain('position=113.3,23.1');
  });

  it('splits the inbox preview into the kind of message and its words', () => {
    expect(previewParts('你好')).toEqual({ kind: null, text: '你好' });
    expect(previewParts('[Image]')).toEqual({ kind: 'Image', text: '' });
    expect(previewParts('[Voice] 我想退货')).toEqual({ kind: 'Voice', text: '我想退货' });
    expect(previewParts('[unsupported]')).toEqual({ kind: 'Unsupported', text: '' });
    expect(previewParts('Followed the account')).toEqual({ kind: null, text: 'Followed the account' });
  });
});
