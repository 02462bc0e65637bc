import { describe, expect, it } from '@jest/globals';
import type { ConversationActivityView, MessageView } from '#contracts';
import { mergeActivity, mergeTimeline } from './timeline';

const message = (id: string, createdAt: string) => ({ id, createdAt }) as MessageView;
const line = (id: string, at: string) => ({ id, at, kind: 'picked' }) as ConversationActivityView;

describe('mergeTimeline', () => {
  it('puts each activity line before the first message stored after it, keeping the messages’ order', () => {
    const items = mergeTimeline(
      [
        message('m1', '2026-12-01T10:00:00Z'),
        message('m2', '2026-12-01T10:05:00Z'),
        message('m3', '2026-12-01T10:04:00Z'),
      ],
      [line('2', '2026-12-01T10:06:00Z'), line('1', '2026-12-01T10:01:00Z')],
    );
    expect(items.map((i) => i.key)).toEqual(['m1', 'activity-1', 'm2', 'm3', 'activity-2']);
  });

  it('shows the activity alone when there are no messages yet', () => {
    expect(mergeTimeline([], [line('1', '2026-12-01T10:01:00Z')]).map((i) => i.kind)).toEqual(['activity']);
  });
});

describe('mergeActivity', () => {
  it('adds a new line in id order and ignores one it already has', () => {
    const current = [line('1', 'a'), line('3', 'c')];
    expect(mergeActivity(current, line('2', 'b')).map((l) => l.id)).toEqual(['1', '2', '3']);
    expect(mergeActivity(current, line('3', 'c'))).toBe(current);
  });
});
