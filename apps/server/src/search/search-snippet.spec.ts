import { describe, expect, it } from '@jest/globals';
import { matchRanges, snippetOf } from './search-snippet.js';
import { planSearch } from './search-terms.js';

const phrases = (query: string) => planSearch(query)!.phrases;
const marked = (parts: Array<{ text: string; match: boolean }>) =>
  parts.map((part) => (part.match ? `[${part.text}]` : part.text)).join('');

describe('search snippets', () => {
  it('marks a Chinese word inside a sentence', () => {
    expect(marked(snippetOf('你好，我想退货，可以吗？', phrases('退货')))).toBe('你好，我想[退货]，可以吗？');
  });

  it('marks the original characters of a folded match', () => {
    expect(marked(snippetOf('型号是ＡＢＣ１２３的', phrases('abc123')))).toBe('型号是[ＡＢＣ１２３]的');
    expect(marked(snippetOf('My iPhone broke', phrases('IPHONE')))).toBe('My [iPhone] broke');
  });

  it('marks a phrase across the punctuation that separates it, and every group of the query', () => {
    expect(marked(snippetOf('你好，世界！退货呢', phrases('你好 世界 退货')))).toBe(
      '[你好]，[世界]！[退货]呢',
    );
    expect(marked(snippetOf('你好，世界', phrases('"你好，世界"')))).toBe('[你好，世界]');
  });

  it('does not mark a word inside a longer word', () => {
    expect(matchRanges('reorder the order', phrases('order'))).toEqual([{ start: 12, end: 17 }]);
  });

  it('shows the part of a long message around the first match, on one line', () => {
    const text = `${'前言'.repeat(60)}\n我的订单号是 123456，\n还没有发货。${'后记'.repeat(60)}`;
    const parts = snippetOf(text, phrases('123456'), 60);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts[parts.length - 1]).toEqual({ text: '…', match: false });
    expect(marked(parts)).toContain('我的订单号是 [123456]， 还没有发货。');
    expect(parts.map((part) => part.text).join('').length).toBeLessThanOrEqual(62);
  });

  it('never cuts an emoji in half at the edge of the snippet', () => {
    const text = `${'😀'.repeat(40)}退货${'😀'.repeat(40)}`;
    const joined = snippetOf(text, phrases('退货'), 31)
      .map((part) => part.text)
      .join('');
    expect(joined).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('shows the beginning without marks when nothing can be located', () => {
    expect(snippetOf('没有关系', phrases('退货'))).toEqual([{ text: '没有关系', match: false }]);
  });
});
