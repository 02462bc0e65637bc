import { describe, expect, it } from '@jest/globals';
import { inboxKeyAction, nextRow, type InboxKey } from './inbox-keys';

const key = (k: string, fields: Partial<InboxKey> = {}): InboxKey => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inField: false,
  inList: false,
  composing: false,
  ...fields,
});

describe('inbox keys', () => {
  it('moves with j and k anywhere, with the arrows only inside the list', () => {
    expect(inboxKeyAction(key('j'))).toBe('next');
    expect(inboxKeyAction(key('k'))).toBe('previous');
    expect(inboxKeyAction(key('ArrowDown'))).toBeNull();
    expect(inboxKeyAction(key('ArrowDown', { inList: true }))).toBe('next');
    expect(inboxKeyAction(key('ArrowUp', { inList: true }))).toBe('previous');
  });

  it('goes to search with / and shows the shortcuts with ?', () => {
    expect(inboxKeyAction(key('/'))).toBe('search');
    expect(inboxKeyAction(key('?'))).toBe('help');
  });

  it('leaves fields, input methods and modified keys alone', () => {
    expect(inboxKeyAction(key('j', { inField: true }))).toBeNull();
    expect(inboxKeyAction(key('/', { inField: true }))).toBeNull();
    expect(inboxKeyAction(key('j', { composing: true }))).toBeNull();
    expect(inboxKeyAction(key('k', { ctrlKey: true }))).toBeNull();
    expect(inboxKeyAction(key('j', { metaKey: true }))).toBeNull();
    expect(inboxKeyAction(key('/', { altKey: true }))).toBeNull();
    expect(inboxKeyAction(key('x'))).toBeNull();
    expect(inboxKeyAction(key('Enter'))).toBeNull();
  });
});

describe('the row that gets the focus', () => {
  it('starts at the open conversation, else at the first (or the last going up)', () => {
    expect(nextRow(5, -1, 2, 'next')).toBe(2);
    expect(nextRow(5, -1, -1, 'next')).toBe(0);
    expect(nextRow(5, -1, -1, 'previous')).toBe(4);
  });

  it('moves one row from the focused one and stops at the ends', () => {
    expect(nextRow(5, 1, 3, 'next')).toBe(2);
    expect(nextRow(5, 1, 3, 'previous')).toBe(0);
    expect(nextRow(5, 4, -1, 'next')).toBe(4);
    expect(nextRow(5, 0, -1, 'previous')).toBe(0);
    expect(nextRow(0, -1, -1, 'next')).toBe(-1);
  });
});
