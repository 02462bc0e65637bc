import { describe, expect, it } from '@jest/globals';
import type { MessageView } from '#contracts';
import { mergeMessage } from './message-order';

const message = (
  id: string,
  createdAt: string,
  deliveryState: MessageView['deliveryState'],
  sequence = 0,
): MessageView => ({
  id,
  sequence,
  conversationId: 'c1',
  direction: deliveryState === 'received' ? 'inbound' : 'outbound',
  type: 'text',
  text: id,
  content: { type: 'text', text: id },
  senderAgentId: null,
  senderName: null,
  deliveryState,
  failureReason: null,
  createdAt,
});

describe('mergeMessage', () => {
  it('keeps one copy of a message that arrives twice', () => {
    const reply = message('m2', '2026-01-01T10:01:00Z', 'queued');
    const list = mergeMessage(
      mergeMessage([message('m1', '2026-01-01T10:00:00Z', 'received')], reply),
      reply,
    );
    expect(list.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('never moves a message back to queued once it was sent', () => {
    const sent = mergeMessage([], message('m2', '2026-01-01T10:01:00Z', 'sent'));
    expect(mergeMessage(sent, message('m2', '2026-01-01T10:01:00Z', 'queued'))[0].deliveryState).toBe('sent');
    expect(mergeMessage(sent, message('m2', '2026-01-01T10:01:00Z', 'failed'))[0].deliveryState).toBe(
      'failed',
    );
  });

  it('puts a late message in time order', () => {
    const list = mergeMessage(
      [message('b', '2026-01-01T10:02:00Z', 'received')],
      message('a', '2026-01-01T10:01:00Z', 'received'),
    );
    expect(list.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('keeps messages of the same second in the order the server stored them', () => {
    const second = '2026-01-01T10:00:00Z';
    let list: MessageView[] = [];
    for (const [id, sequence] of [
      ['zz-image', 2],
      ['aa-voice', 3],
      ['mm-follow', 1],
    ] as const) {
      list = mergeMessage(list, message(id, second, 'received', sequence));
    }
    expect(list.map((m) => m.id)).toEqual(['mm-follow', 'zz-image', 'aa-voice']);
  });
});
