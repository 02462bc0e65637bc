import { describe, expect, it } from '@jest/globals';
import { menuProblems, move, withKind } from './menu-draft';

describe('the menu editor’s draft', () => {
  it('changes a button’s kind and keeps its name', () => {
    expect(withKind({ type: 'talk-to-agent', name: '客服' }, 'click')).toEqual({
      type: 'click',
      name: '客服',
      key: '',
    });
    expect(withKind({ type: 'view', name: 'Site', url: 'https://a.example' }, 'submenu')).toEqual({
      type: 'submenu',
      name: 'Site',
      items: [{ type: 'view', name: '', url: 'https://' }],
    });
  });

  it('moves items within bounds', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('finds the problems it can see, by position', () => {
    const problems = menuProblems([
      { type: 'talk-to-agent', name: '联系人工客服' },
      {
        type: 'submenu',
        name: 'More',
        items: [
          { type: 'click', name: 'x', key: 'a b' },
          { type: 'view', name: 'y', url: 'ftp://x' },
        ],
      },
    ]);
    expect(Object.fromEntries(problems)).toEqual({
      '0.name': '18 bytes; at most 16 (5 Chinese characters or 16 letters).',
      '1.0.key': 'Letters, digits and punctuation, without spaces.',
      '1.1.url': 'A web address starting with http:// or https://.',
    });
  });

  it('waits for a save before saying what is still missing', () => {
    const draft = [{ type: 'view' as const, name: '', url: 'https://' }];
    expect(menuProblems(draft, { incomplete: false }).size).toBe(0);
    expect([...menuProblems(draft).keys()]).toEqual(['0.name', '0.url']);
  });
});
