import { describe, expect, it } from '@jest/globals';
import type { MessageView } from '#contracts';
import { mergeMessage } from './message-order';

const message = (
  id: string,
  createdAt: string,
  deliveryState: MessageView['deliveryState'],
  retries = 0,
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
  attempts: deliveryState === 'queued' || deliveryState === 'received' ? 0 : 1,
  retries,
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

  it('takes an agent’s retry of a failed message, moves it to the end, and still ignores stale copies', () => {
    const failed = mergeMessage(
      [message('m1', '2026-01-01T10:00:00Z', 'received')],
      message('m2', '2026-01-01T09:59:00Z', 'failed'),
    );
    expect(failed.map((m) => m.id)).toEqual(['m2', 'm1']);
    const retried = mergeMessage(failed, message('m2', '2026-01-01T10:05:00Z', 'queued', 1));
    expect(retried.map((m) => [m.id, m.deliveryState])).toEqual([
      ['m1', 'received'],
      ['m2', 'queued'],
    ]);
    // The socket's copy of the old failure, arriving late, does not undo the retry.
    expect(mergeMessage(retried, message('m2', '2026-01-01T09:59:00Z', 'failed'))).toBe(retried);
    expect(
      mergeMessage(retried, message('m2', '2026-01-01T10:05:00Z', 'unconfirmed', 1))[1].deliveryState,
    ).toBe('unconfirmed');
  });

  it('keeps messages of the same second in the order the server stored them', () => {
    const second = '2026-01-01T10:00:00Z';
    let list: MessageView[] = [];
    for (const [id, sequence] of [
      ['zz-image', 2],
      ['aa-voice', 3],
      ['mm-follow', 1],
    ] as const) {
      list = mergeMessage(list, message(id, second, 'received', 0, sequence));
    }
    expect(list.map((m) => m.id)).toEqual(['mm-follow', 'zz-image', 'aa-voice']);
  });
});
