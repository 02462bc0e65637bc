import { describe, expect, it } from '@jest/globals';
import {
  documentTerms,
  foldForSearch,
  MAX_QUERY_TERMS,
  planSearch,
  searchableText,
  searchRuns,
} from './search-terms.js';

describe('search terms', () => {
  it('indexes Chinese as characters and overlapping pairs, so a two-character word is a term', () => {
    expect(documentTerms('我想退货')).toEqual(['想', '想退', '我', '我想', '货', '退', '退货'].sort(byBytes));
  });

  it('plans a two-character word as that one pair, and a longer phrase as its pairs', () => {
    expect(planSearch('退货')).toEqual({ terms: ['退货'], tsquery: "'退货'", phrases: ['退货'] });
    expect(planSearch('订单还没到')?.terms).toEqual(['订单', '单还', '还没', '没到']);
    expect(planSearch('货')?.terms).toEqual(['货']);
  });

  it('lower-cases words, also full-width and Latin-1 capitals, and matches words whole', () => {
    expect(foldForSearch('iPhone ＡＢＣ１２３ CAFÉ Straße ×')).toBe('iphone abc123 café straße ×');
    expect(documentTerms('Order #12345 shipped, ORDER again')).toEqual([
      '12345',
      'again',
      'order',
      'shipped',
    ]);
    expect(planSearch('ORDER')).toEqual({ terms: ['order'], tsquery: "'order'", phrases: [' order '] });
  });

  it('separates Latin words from Chinese where the script changes, with no space needed', () => {
    expect(searchRuns('我的iPhone13手机').map((run) => [run.text, run.cjk])).toEqual([
      ['我的', true],
      ['iphone13', false],
      ['手机', true],
    ]);
    expect(searchableText('我的iPhone13手机，坏了！')).toBe(' 我的 iphone13 手机 坏了 ');
    expect(planSearch('iPhone13手机')).toEqual({
      terms: ['iphone13', '手机'],
      tsquery: "'iphone13' & '手机'",
      phrases: [' iphone13 手机'],
    });
  });

  it('treats punctuation, emoji and symbols as separators, never as terms', () => {
    expect(documentTerms('好的👍谢谢！！😀 …… ¥99')).toEqual(
      ['99', '好', '好的', '的', '谢', '谢谢'].sort(byBytes),
    );
    expect(planSearch('👍😀！？')).toBeNull();
    expect(planSearch('   ')).toBeNull();
    // A pair never spans punctuation: "好，谢" has no term 好谢.
    expect(documentTerms('好，谢')).toEqual(['好', '谢'].sort(byBytes));
  });

  it('keeps characters beyond the Basic Multilingual Plane whole', () => {
    expect(documentTerms('𠀋𠀌')).toEqual(['𠀋', '𠀋𠀌', '𠀌'].sort(byBytes));
    expect(planSearch('𠀋𠀌')?.terms).toEqual(['𠀋𠀌']);
  });

  it('splits a query into groups at spaces, each checked as a phrase; quotes keep a group together', () => {
    expect(planSearch('退货  订单')?.phrases).toEqual(['退货', '订单']);
    expect(planSearch('"order 123" 退货')?.phrases).toEqual([' order 123 ', '退货']);
    expect(planSearch('“我想 退货”')?.phrases).toEqual(['我想 退货']);
    // Punctuation inside a group separates runs like in a document.
    expect(planSearch('你好，世界')?.phrases).toEqual(['你好 世界']);
    expect(planSearch('退货 退货')?.phrases).toEqual(['退货']);
  });

  it('bounds a pasted paragraph to a few terms; the phrase check still sees all of it', () => {
    const paragraph = '我上周在你们店里买了一双鞋子，穿了两天就开胶了，想问一下可以退货或者换货吗？';
    const plan = planSearch(paragraph)!;
    expect(plan.terms).toHaveLength(MAX_QUERY_TERMS);
    expect(plan.phrases).toEqual([searchableText(paragraph).trim()]);
  });

  it('indexes long words by their first 64 characters', () => {
    const long = 'a'.repeat(100);
    expect(documentTerms(long)).toEqual(['a'.repeat(64)]);
    expect(planSearch(long)?.terms).toEqual(['a'.repeat(64)]);
    expect(planSearch(long)?.phrases).toEqual([` ${long} `]);
  });

  it('has nothing to index in an empty or missing text', () => {
    expect(documentTerms(null)).toEqual([]);
    expect(documentTerms('')).toEqual([]);
    expect(searchableText('')).toBe('  ');
  });
});

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
