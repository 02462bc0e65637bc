/**
 * How text becomes search terms (BX4). Chinese has no spaces and most words are two characters, so a
 * trigram index cannot find them: every run of CJK characters gives its characters and its overlapping
 * pairs ("退货" → 退, 货, 退货), and every run of letters and digits one lower-cased word. A query matches a
 * document whose terms include all of the query's; the exact phrase is then checked on those candidates.
 *
 * Documents are indexed by the database (`desk_search_vector`, migration 1796084300001), queries are planned
 * here: the two must agree character for character, which `search-terms.pg.spec.ts` checks against
 * PostgreSQL and PGlite. That is why folding is spelled out (ASCII and Latin-1 capitals, full-width letters
 * and digits) instead of `lower()`/NFKC, whose results depend on the database's locale and Unicode version.
 */

/** Letters and digits that make words: ASCII, Latin-1, Latin Extended-A/B, Greek, Cyrillic. */
const WORD_CHARS = '0-9a-z\\u00df-\\u00f6\\u00f8-\\u00ff\\u0100-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff';
/** Characters searched one by one and in pairs: kana, CJK ideographs (with extensions), Hangul. */
const CJK_CHARS =
  '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\u{20000}-\\u{2fa1f}';

const RUNS = new RegExp(`[${WORD_CHARS}]+|[${CJK_CHARS}]+`, 'gu');
const STARTS_WITH_WORD_CHAR = new RegExp(`^[${WORD_CHARS}]`, 'u');

/** Only this much of a document is indexed (its terms, not the exact check): it bounds the cost of a huge message. */
export const INDEXED_CHARS = 4000;
/** Longer words are indexed by their first 64 characters (the exact check still sees the whole word). */
export const MAX_WORD_CHARS = 64;
/** A pasted paragraph needs no more terms than this to find its candidates; the exact check does the rest. */
export const MAX_QUERY_TERMS = 24;

/** Lower-cases ASCII and Latin-1 capitals and turns full-width letters and digits (ＡＢＣ１２３) into plain ones. */
export function foldForSearch(text: string): string {
  let folded = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x41 && code <= 0x5a) folded += String.fromCharCode(code + 0x20);
    else if (code >= 0xc0 && code <= 0xde && code !== 0xd7) folded += String.fromCharCode(code + 0x20);
    else if (code >= 0xff21 && code <= 0xff3a) folded += String.fromCharCode(code - 0xff21 + 0x61);
    else if (code >= 0xff41 && code <= 0xff5a) folded += String.fromCharCode(code - 0xff41 + 0x61);
    else if (code >= 0xff10 && code <= 0xff19) folded += String.fromCharCode(code - 0xff10 + 0x30);
    else folded += char;
  }
  return folded;
}

/** A word or a run of CJK characters, where it starts in the (folded) text, in UTF-16 units. */
export interface SearchRun {
  text: string;
  index: number;
  cjk: boolean;
}

/** The runs of searchable characters; punctuation, spaces, emoji and symbols separate them. */
export function searchRuns(text: string): SearchRun[] {
  return [...foldForSearch(text).matchAll(RUNS)].map((match) => ({
    text: match[0],
    index: match.index,
    cjk: !STARTS_WITH_WORD_CHAR.test(match[0]),
  }));
}

const firstChars = (text: string, count: number) => Array.from(text).slice(0, count).join('');

/** Characters and overlapping pairs of a CJK run: 我想退货 → 我, 我想, 想, 想退, 退, 退货, 货. */
function cjkTerms(run: string, withSingles: boolean): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const terms: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (withSingles) terms.push(chars[i]);
    if (i + 1 < chars.length) terms.push(chars[i] + chars[i + 1]);
  }
  return terms;
}

/**
 * A document's terms, as `desk_search_vector` indexes them (sorted, without duplicates). Used by tests to
 * check that the database and this module agree.
 */
export function documentTerms(text: string | null): string[] {
  if (!text) return [];
  const terms = new Set<string>();
  for (const run of searchRuns(firstChars(text, INDEXED_CHARS))) {
    if (run.cjk) cjkTerms(run.text, true).forEach((term) => terms.add(term));
    else terms.add(firstChars(run.text, MAX_WORD_CHARS));
  }
  return [...terms].sort(compareBytes);
}

/** tsvector order: by bytes (UTF-8), shorter first on a common prefix. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The searchable form of a text: its runs joined by single spaces, with a space at either end (`desk_search_text`). */
export function searchableText(text: string): string {
  return ` ${searchRuns(text)
    .map((run) => run.text)
    .join(' ')} `;
}

export interface SearchPlan {
  /** Every match contains all of these terms (what the index looks up). */
  terms: string[];
  /** The same as a `tsquery`: the terms AND-ed. */
  tsquery: string;
  /**
   * What a match's searchable form must contain, each of them: one per word group of the query (spaces
   * separate groups, double quotes keep one together). A group's runs are joined by single spaces, with a
   * space before a leading word and after a trailing one, so that words match whole while Chinese matches
   * inside longer runs: "退货" is found in "我想退货", "order" is not found in "reorder".
   */
  phrases: string[];
}

/** Spaces separate the groups of a query; "double quotes" (straight or Chinese) keep spaces inside one. */
const QUERY_GROUPS = /["“”]([^"“”]*)["“”]?|[^\s"“”]+/gu;

/** Null when the query has nothing searchable in it (only punctuation, spaces or emoji). */
export function planSearch(query: string): SearchPlan | null {
  const terms = new Set<string>();
  const phrases: string[] = [];
  for (const group of query.matchAll(QUERY_GROUPS)) {
    const runs = searchRuns(group[1] ?? group[0]);
    if (runs.length === 0) continue;
    for (const run of runs) {
      if (run.cjk) cjkTerms(run.text, false).forEach((term) => terms.add(term));
      else terms.add(firstChars(run.text, MAX_WORD_CHARS));
    }
    const joined = runs.map((run) => run.text).join(' ');
    const phrase = `${runs[0].cjk ? '' : ' '}${joined}${runs[runs.length - 1].cjk ? '' : ' '}`;
    if (!phrases.includes(phrase)) phrases.push(phrase);
  }
  if (phrases.length === 0) return null;
  const chosen = [...terms].slice(0, MAX_QUERY_TERMS);
  return { terms: chosen, tsquery: chosen.map(quoteLexeme).join(' & '), phrases };
}

/** Terms hold only letters, digits and CJK characters, but quoting them keeps the tsquery unambiguous. */
function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
