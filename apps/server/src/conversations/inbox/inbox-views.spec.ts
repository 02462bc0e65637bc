import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../common/domain-error.js';
import { decodeInboxCursor, encodeInboxCursor, sortFor, VIEW_RULES } from './inbox-views.js';

describe('inbox view rules', () => {
  it('holds open chats in every view but closed, and only mine in mine', () => {
    expect(VIEW_RULES).toEqual({
      waiting: { statuses: 'waiting', mine: false },
      mine: { statuses: 'open', mine: true },
      open: { statuses: 'open', mine: false },
      missed: { statuses: 'missed', mine: false },
      closed: { statuses: 'closed', mine: false },
    });
  });

  it('sorts queues by waiting time and the rest by the latest message, unless asked', () => {
    expect(sortFor('waiting', undefined)).toBe('waiting');
    expect(sortFor('missed', undefined)).toBe('waiting');
    expect(sortFor('open', undefined)).toBe('latest');
    expect(sortFor('mine', undefined)).toBe('latest');
    expect(sortFor('closed', undefined)).toBe('latest');
    expect(sortFor('waiting', 'latest')).toBe('latest');
    expect(sortFor('open', 'waiting')).toBe('waiting');
  });

  it('refuses to sort closed chats by waiting time', () => {
    expect(() => sortFor('closed', 'waiting')).toThrow(DomainError);
  });
});

describe('inbox cursors', () => {
  const cursor = {
    sort: 'latest' as const,
    key: '2026-11-30 08:05:00.123456+00',
    id: '0b7e6f0e-3c1a-4c55-9b1e-2a4f5d6c7e8f',
  };

  it('round-trip', () => {
    expect(decodeInboxCursor(encodeInboxCursor(cursor), 'latest')).toEqual(cursor);
  });

  it('are refused with another sort, or when not ours', () => {
    expect(() => decodeInboxCursor(encodeInboxCursor(cursor), 'waiting')).toThrow(
      'This cursor belongs to another sort: load the view again',
    );
    for (const text of [
      'garbage',
      Buffer.from('{"a":1}').toString('base64url'),
      encodeInboxCursor({ ...cursor, key: "now'); DROP TABLE conversations; --" }),
      encodeInboxCursor({ ...cursor, id: 'not-a-uuid' }),
    ]) {
      expect(() => decodeInboxCursor(text, 'latest')).toThrow('This cursor is not one the inbox gave');
    }
  });
});
