import { describe, expect, it } from '@jest/globals';
import type { ConversationView } from '#contracts';
import { applyConversationUpdate } from './conversation-order';

const conversation = (
  id: string,
  lastMessageAt: string,
  status: ConversationView['status'] = 'waiting',
): ConversationView => ({
  id,
  channelId: 'ch',
  channelKind: 'wechat-oa',
  channelName: 'Demo Coffee',
  channelState: 'active',
  departmentId: null,
  contact: { id: `contact-${id}`, channelId: 'ch', displayName: id, avatarUrl: null },
  status,
  assigneeId: null,
  lastMessageAt,
  lastMessagePreview: '',
  lastCustomerMessageAt: lastMessageAt,
  replyWindow: { closesAt: null, messagesAllowed: 5, messagesUsed: 0, messagesLeft: 5, lock: null },
  attachmentRules: [],
  createdAt: lastMessageAt,
});

describe('applyConversationUpdate', () => {
  const inbox = [conversation('b', '2026-01-01T10:02:00Z'), conversation('a', '2026-01-01T10:01:00Z')];

  it('moves a conversation with a new message to the top', () => {
    const next = applyConversationUpdate(inbox, conversation('a', '2026-01-01T10:03:00Z', 'active'), 'open');
    expect(next.map((c) => [c.id, c.status])).toEqual([
      ['a', 'active'],
      ['b', 'waiting'],
    ]);
  });

  it('inserts a new conversation and removes one that left the view', () => {
    const added = applyConversationUpdate(inbox, conversation('c', '2026-01-01T10:00:00Z'), 'open');
    expect(added.map((c) => c.id)).toEqual(['b', 'a', 'c']);
    const closed = applyConversationUpdate(
      added,
      conversation('b', '2026-01-01T10:02:00Z', 'closed'),
      'open',
    );
    expect(closed.map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('ignores an update older than what is shown', () => {
    expect(applyConversationUpdate(inbox, conversation('b', '2026-01-01T09:00:00Z', 'active'), 'open')).toBe(
      inbox,
    );
  });
});
