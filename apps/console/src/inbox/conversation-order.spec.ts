import { describe, expect, it } from '@jest/globals';
import type { ConversationView } from '#contracts';
import {
  appendPage,
  applyConversationUpdate,
  belongsTo,
  defaultSort,
  sortConversations,
  sortsFor,
  type InboxSelection,
} from './conversation-order';

const open: InboxSelection = {
  view: 'open',
  userId: 'me',
  channelId: null,
  departmentId: null,
  sort: 'latest',
};

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
    const next = applyConversationUpdate(inbox, conversation('a', '2026-01-01T10:03:00Z', 'active'), open);
    expect(next.map((c) => [c.id, c.status])).toEqual([
      ['a', 'active'],
      ['b', 'waiting'],
    ]);
  });

  it('inserts a new conversation and removes one that left the view', () => {
    const added = applyConversationUpdate(inbox, conversation('c', '2026-01-01T10:00:00Z'), open);
    expect(added.map((c) => c.id)).toEqual(['b', 'a', 'c']);
    const closed = applyConversationUpdate(added, conversation('b', '2026-01-01T10:02:00Z', 'closed'), open);
    expect(closed.map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('ignores an update older than what is shown', () => {
    expect(applyConversationUpdate(inbox, conversation('b', '2026-01-01T09:00:00Z', 'active'), open)).toBe(
      inbox,
    );
  });
});

describe('inbox views', () => {
  const at = '2026-01-01T10:00:00Z';
  const with_ = (fields: Partial<ConversationView>) => ({ ...conversation('x', at), ...fields });
  const selection = (fields: Partial<InboxSelection>): InboxSelection => ({ ...open, ...fields });

  it('holds each conversation in the views of its state, and mine only when it is assigned to me', () => {
    const waiting = with_({ status: 'waiting' });
    const mineActive = with_({ status: 'active', assigneeId: 'me' });
    const othersActive = with_({ status: 'active', assigneeId: 'someone' });
    const closedMine = with_({ status: 'closed', assigneeId: 'me' });
    const views = (c: ConversationView) =>
      (['waiting', 'mine', 'open', 'missed', 'closed'] as const).filter((view) =>
        belongsTo(selection({ view }), c),
      );
    expect(views(waiting)).toEqual(['waiting', 'open']);
    expect(views(mineActive)).toEqual(['mine', 'open']);
    expect(views(othersActive)).toEqual(['open']);
    expect(views(closedMine)).toEqual(['closed']);
    // Missed comes with the conversation states of CV1; the rule is ready for it.
    expect(views(with_({ status: 'missed' as ConversationView['status'] }))).toEqual(['open', 'missed']);
  });

  it('filters by channel and by department', () => {
    const c = with_({ channelId: 'tea', departmentId: 'sales' });
    expect(belongsTo(selection({ channelId: 'tea' }), c)).toBe(true);
    expect(belongsTo(selection({ channelId: 'coffee' }), c)).toBe(false);
    expect(belongsTo(selection({ departmentId: 'sales' }), c)).toBe(true);
    expect(belongsTo(selection({ departmentId: 'support' }), c)).toBe(false);
  });

  it('sorts queues by waiting time, longest first, and other views by the latest message', () => {
    expect(defaultSort('waiting')).toBe('waiting');
    expect(defaultSort('missed')).toBe('waiting');
    expect(defaultSort('mine')).toBe('latest');
    expect(sortsFor('closed')).toEqual(['latest']);
    const early = {
      ...conversation('early', '2026-01-01T10:09:00Z'),
      lastCustomerMessageAt: '2026-01-01T10:01:00Z',
    };
    const late = {
      ...conversation('late', '2026-01-01T10:05:00Z'),
      lastCustomerMessageAt: '2026-01-01T10:04:00Z',
    };
    const noCustomer = {
      ...conversation('none', '2026-01-01T10:02:00Z'),
      lastCustomerMessageAt: null,
      createdAt: '2026-01-01T10:02:00Z',
    };
    expect(sortConversations([late, noCustomer, early], 'waiting').map((c) => c.id)).toEqual([
      'early',
      'none',
      'late',
    ]);
    expect(sortConversations([late, noCustomer, early], 'latest').map((c) => c.id)).toEqual([
      'early',
      'late',
      'none',
    ]);
  });

  it('does not repeat a row a live update already brought when the next page comes', () => {
    const a = conversation('a', at);
    const b = conversation('b', at);
    expect(appendPage([a], [a, b]).map((c) => c.id)).toEqual(['a', 'b']);
  });
});
