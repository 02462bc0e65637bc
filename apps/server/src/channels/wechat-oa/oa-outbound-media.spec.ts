import { describe, expect, it } from '@jest/globals';
import { isUsable, OA_MEDIA_LIFETIME_MS, uploadFilename } from './oa-outbound-media.js';

describe('files on their way to WeChat', () => {
  it('reuse WeChat’s id only while it certainly lives: 3 days less an hour, by our clock', () => {
    const now = Date.UTC(2026, 11, 1, 12);
    expect(OA_MEDIA_LIFETIME_MS).toBe(71 * 3600 * 1000);
    expect(isUsable({ platformMediaId: 'm', expiresAt: new Date(now + 1000) }, now)).toBe(true);
    expect(isUsable({ platformMediaId: 'm', expiresAt: new Date(now) }, now)).toBe(false);
    expect(isUsable(null, now)).toBe(false);
  });

  it('are named for WeChat by what their bytes are, whatever the agent called them', () => {
    const id = '3f2a9c1e-77aa-4bde-9b0e-1234567890ab';
    expect(uploadFilename('image', { id, contentType: 'image/png' })).toBe('image-3f2a9c1e77aa.png');
    expect(uploadFilename('voice', { id, contentType: 'audio/mpeg' })).toBe('voice-3f2a9c1e77aa.mp3');
    expect(uploadFilename('video', { id, contentType: 'video/mp4' })).toBe('video-3f2a9c1e77aa.mp4');
    expect(uploadFilename('voice', { id, contentType: 'audio/amr' })).toBe('voice-3f2a9c1e77aa.amr');
  });
});
