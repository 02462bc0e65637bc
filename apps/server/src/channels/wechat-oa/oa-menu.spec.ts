import { describe, expect, it } from '@jest/globals';
import { checkChannelMenu, fromOaMenu, sameMenu, toOaMenu } from './oa-menu.js';

const KEY = 'TALK_TO_AGENT';

describe('the custom menu rules', () => {
  it('accepts a menu with every kind of item and turns it into WeChat’s menu/create shape', () => {
    const check = checkChannelMenu(
      [
        { type: 'talk-to-agent', name: ' 人工客服 ' },
        { type: 'view', name: '官网', url: 'https://example.com/' },
        {
          type: 'submenu',
          name: '更多',
          items: [
            { type: 'click', name: '今日优惠', key: 'OFFERS' },
            { type: 'view', name: 'Opening hours', url: 'http://example.com/hours' },
          ],
        },
      ],
      KEY,
    );
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.buttons[0]).toEqual({ type: 'talk-to-agent', name: '人工客服' });
    expect(toOaMenu(check.buttons, KEY)).toEqual({
      button: [
        { type: 'click', name: '人工客服', key: KEY },
        { type: 'view', name: '官网', url: 'https://example.com/' },
        {
          name: '更多',
          sub_button: [
            { type: 'click', name: '今日优惠', key: 'OFFERS' },
            { type: 'view', name: 'Opening hours', url: 'http://example.com/hours' },
          ],
        },
      ],
    });
  });

  it('counts names in UTF-8 bytes: 5 Chinese characters fit a button, 6 do not', () => {
    expect(checkChannelMenu([{ type: 'talk-to-agent', name: '联系人工客' }], KEY).ok).toBe(true);
    expect(checkChannelMenu([{ type: 'talk-to-agent', name: '联系人工客服' }], KEY)).toEqual({
      ok: false,
      problems: [
        'Button 1: the name "联系人工客服" is 18 bytes; WeChat allows at most 16 (5 Chinese characters or 16 letters)',
      ],
    });
    const item = (name: string) => [
      { type: 'submenu', name: 'More', items: [{ type: 'click', name, key: 'K' }] },
    ];
    expect(checkChannelMenu(item('字'.repeat(20)), KEY).ok).toBe(true);
    expect(checkChannelMenu(item('字'.repeat(21)), KEY)).toEqual({
      ok: false,
      problems: [
        'Button 1, item 1: the name "字字字字字字字字字字字字字字字字字字字字字" is 63 bytes; WeChat allows at most 60 (20 Chinese characters or 60 letters)',
      ],
    });
  });

  it('names every problem and where it is', () => {
    const check = checkChannelMenu(
      [
        { type: 'click', name: '', key: 'A' },
        { type: 'click', name: 'B', key: KEY },
        {
          type: 'submenu',
          name: 'C',
          items: [
            { type: 'click', name: 'c1', key: 'has space' },
            { type: 'view', name: 'c2', url: 'javascript:alert(1)' },
            { type: 'view', name: 'c3', url: `https://example.com/${'x'.repeat(1020)}` },
            { type: 'click', name: 'c4', key: 'k'.repeat(129) },
            { type: 'submenu', name: 'c5', items: [] },
            { type: 'scancode_push', name: 'c6', key: 'Q' },
          ],
        },
        { type: 'talk-to-agent', name: 'D', extra: 1 },
      ],
      KEY,
    );
    expect(check).toEqual({
      ok: false,
      problems: [
        'A menu has 1 to 3 buttons (this one has 4); to remove the menu, delete it instead',
        'Button 1: the name is empty',
        'Button 2: the key TALK_TO_AGENT is reserved for the talk-to-an-agent item; choose that type instead',
        'Button 3: a submenu has 1 to 5 items (this one has 6)',
        'Button 3, item 1: the key may contain letters, digits and punctuation, but no spaces',
        'Button 3, item 2: the URL must start with http:// or https://',
        'Button 3, item 3: the URL is 1040 bytes; WeChat allows at most 1024',
        'Button 3, item 4: the key is 129 bytes; WeChat allows at most 128',
        'Button 3, item 5: a submenu cannot contain another submenu',
        'Button 3, item 6: the type must be click, view or talk-to-agent',
        'Button 4: unexpected field "extra"',
      ],
    });
  });

  it('refuses an empty menu, duplicate keys and two talk-to-an-agent items', () => {
    expect(checkChannelMenu([], KEY)).toEqual({
      ok: false,
      problems: ['A menu has 1 to 3 buttons (this one has 0); to remove the menu, delete it instead'],
    });
    expect(checkChannelMenu('menu', KEY)).toEqual({
      ok: false,
      problems: ['buttons must be a list of menu buttons'],
    });
    expect(
      checkChannelMenu(
        [
          { type: 'click', name: 'a', key: 'SAME' },
          { type: 'click', name: 'b', key: 'SAME' },
        ],
        KEY,
      ),
    ).toEqual({
      ok: false,
      problems: ['Button 2: Button 1 already sends the key SAME; each click item needs its own'],
    });
    expect(
      checkChannelMenu(
        [
          { type: 'talk-to-agent', name: 'a' },
          { type: 'submenu', name: 'b', items: [{ type: 'talk-to-agent', name: 'c' }] },
        ],
        KEY,
      ),
    ).toEqual({
      ok: false,
      problems: ['Button 2, item 1: Button 1 is already the talk-to-an-agent item; one is enough'],
    });
  });

  it('reads back what menu/get returns, including kinds set elsewhere, and compares it with the saved menu', () => {
    const saved = [
      { type: 'talk-to-agent' as const, name: '人工客服' },
      {
        type: 'submenu' as const,
        name: 'More',
        items: [{ type: 'view' as const, name: 'Site', url: 'https://example.com/' }],
      },
    ];
    const live = {
      menu: {
        button: [
          { type: 'click', name: '人工客服', key: KEY, sub_button: [] },
          {
            name: 'More',
            sub_button: [{ type: 'view', name: 'Site', url: 'https://example.com/', sub_button: [] }],
          },
        ],
      },
    };
    const published = fromOaMenu(live, KEY);
    expect(published).toEqual([
      { name: '人工客服', type: 'click', key: KEY, talkToAgent: true },
      {
        name: 'More',
        type: null,
        talkToAgent: false,
        items: [{ name: 'Site', type: 'view', url: 'https://example.com/', talkToAgent: false }],
      },
    ]);
    expect(sameMenu(saved, published, KEY)).toBe(true);
    expect(
      sameMenu(
        saved,
        fromOaMenu({ menu: { button: [{ type: 'scancode_push', name: 'Scan', key: 'S' }] } }, KEY),
        KEY,
      ),
    ).toBe(false);
    expect(sameMenu(null, [], KEY)).toBe(true);
    expect(fromOaMenu({ errcode: 0 }, KEY)).toEqual([]);
  });
});
