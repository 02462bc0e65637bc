import type { SnippetPart } from '#contracts';
import { searchRuns } from './search-terms.js';

/** Characters of context shown before the first match. */
const CONTEXT_BEFORE = 24;

/**
 * The part of a message around what matched, with the matches marked, as plain text parts (the console
 * renders them as text, never as HTML). The phrases are found the way the database confirmed them — in the
 * searchable form — and mapped back to the original characters, so "ＡＢＣ" is highlighted for "abc".
 */
export function snippetOf(text: string, phrases: string[], maxChars = 120): SnippetPart[] {
  const ranges = matchRanges(text, phrases);
  const first = ranges[0];
  let start = first ? Math.max(0, first.start - CONTEXT_BEFORE) : 0;
  let end = Math.min(text.length, start + maxChars);
  if (first && end < first.end) end = first.end;
  if (end - start < maxChars) start = Math.max(0, end - maxChars);
  start = codePointBoundary(text, start);
  end = codePointBoundary(text, end);

  const parts: SnippetPart[] = [];
  const push = (from: number, to: number, match: boolean) => {
    if (to > from) parts.push({ text: oneLine(text.slice(from, to)), match });
  };
  let at = start;
  for (const range of ranges) {
    if (range.end <= start || range.start >= end) continue;
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    push(at, from, false);
    push(from, to, true);
    at = to;
  }
  push(at, end, false);
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}

interface Range {
  start: number;
  end: number;
}

/** Where the phrases occur in the original text (UTF-16 offsets), merged and in order. */
export function matchRanges(text: string, phrases: string[]): Range[] {
  // The searchable form, and for each of its UTF-16 units the offset in `text` it came from (-1: a space).
  let searchable = ' ';
  const origin: number[] = [-1];
  for (const run of searchRuns(text)) {
    for (let i = 0; i < run.text.length; i++) origin.push(run.index + i);
    origin.push(-1);
    searchable += `${run.text} `;
  }

  const found: Range[] = [];
  for (const phrase of phrases) {
    const lead = phrase.length - phrase.trimStart().length;
    const core = phrase.trim();
    if (!core) continue;
    for (let at = searchable.indexOf(phrase); at !== -1; at = searchable.indexOf(phrase, at + 1)) {
      const first = origin[at + lead];
      const last = origin[at + lead + core.length - 1];
      if (first >= 0 && last >= 0) found.push({ start: first, end: last + 1 });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const range of found) {
    const previous = merged[merged.length - 1];
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Never cut a character outside the Basic Multilingual Plane (an emoji, 𠀋) in half. */
function codePointBoundary(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');
