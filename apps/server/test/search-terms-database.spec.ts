import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { openDatabase, type Database } from '../src/database/open-database.js';
import { documentTerms, planSearch, searchableText, searchRuns } from '../src/search/search-terms.js';

/**
 * The database indexes documents (`desk_search_vector`), the server plans queries (`search-terms.ts`): if they
 * disagreed on a single character, searches would silently miss. Random texts mixing Chinese, Latin,
 * full-width, emoji and punctuation must give the same terms and searchable form in both, on PostgreSQL and on
 * the embedded PGlite.
 */
const PIECES = [
  ...'我想退货订单还没到你好世界手机坏了谢谢のカタカナ한국어𠀋𠀌豈',
  ...'abcXYZ019éÉßÀÞ×ΩЖ',
  ...'ＡＢＣａｂｃ１２３',
  ...' \n\t，。！？、…“”"\'\\:;-_/#@&%$*()[]{}<>',
  '😀',
  '👍🏽',
  '🇨🇳',
  '\u200b',
  '\u3000',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));
const samples = fc.sample(text, { numRuns: 400, seed: 5 });

interface Row {
  doc: string;
  terms: string[];
  searchable: string;
}

async function analyse(db: Database, docs: string[]): Promise<Row[]> {
  return (await db.dataSource.query(
    `SELECT doc, tsvector_to_array(desk_search_vector(doc)) AS terms, desk_search_text(doc) AS searchable
     FROM unnest($1::text[]) WITH ORDINALITY AS d(doc, n) ORDER BY n`,
    [docs],
  )) as Row[];
}

/** Whether the database finds `query` in `doc` the way the search does: index terms, then every phrase. */
async function finds(db: Database, doc: string, query: string): Promise<boolean> {
  const plan = planSearch(query);
  if (!plan) return false;
  const [row] = (await db.dataSource.query(
    `SELECT desk_search_vector($1) @@ $2::tsquery
            AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE position(p IN desk_search_text($1)) = 0) AS found`,
    [doc, plan.tsquery, plan.phrases],
  )) as Array<{ found: boolean }>;
  return row.found;
}

function describeAgreement(name: string, open: () => Promise<{ db: Database; close(): Promise<void> }>) {
  describe(name, () => {
    let opened: { db: Database; close(): Promise<void> };

    beforeAll(async () => {
      opened = await open();
    }, 120_000);

    afterAll(async () => {
      await opened?.close();
    });

    it('indexes every text with exactly the terms the server plans with, and the same searchable form', async () => {
      const rows = await analyse(opened.db, samples);
      for (const row of rows) {
        expect({ doc: row.doc, terms: [...row.terms].sort() }).toEqual({
          doc: row.doc,
          terms: documentTerms(row.doc).sort(),
        });
        expect({ doc: row.doc, searchable: row.searchable }).toEqual({
          doc: row.doc,
          searchable: searchableText(row.doc),
        });
      }
    });

    it('finds every Chinese substring of a text, and the whole text itself', async () => {
      let checked = 0;
      for (const doc of samples.slice(0, 150)) {
        for (const run of searchRuns(doc).filter((r) => r.cjk)) {
          const chars = Array.from(run.text);
          const start = Math.floor(chars.length / 3);
          const piece = chars.slice(start, start + 1 + (checked % 4)).join('');
          expect({ doc, piece, found: await finds(opened.db, doc, piece) }).toEqual({
            doc,
            piece,
            found: true,
          });
          checked++;
        }
        if (planSearch(doc))
          expect({ doc, found: await finds(opened.db, doc, doc) }).toEqual({ doc, found: true });
      }
      expect(checked).toBeGreaterThan(100);
    });

    it('finds a two-character word but not its characters apart, nor part of a word', async () => {
      expect(await finds(opened.db, '我想退货，可以吗', '退货')).toBe(true);
      expect(await finds(opened.db, '退款后发货了', '退货')).toBe(false);
      expect(await finds(opened.db, '货退', '退货')).toBe(false);
      expect(await finds(opened.db, 'reorder please', 'order')).toBe(false);
      expect(await finds(opened.db, 'My ORDER #123', 'order 123')).toBe(true);
      expect(await finds(opened.db, '型号ＡＢＣ１２３', 'abc123')).toBe(true);
    });
  });
}

describeAgreement('search terms on PostgreSQL', async () => {
  const database: TestDatabase = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: database.url, dataDir: '' });
  return {
    db,
    async close() {
      await db.close();
      await database.drop();
    },
  };
});

describeAgreement('search terms on the embedded PGlite', async () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-search-'));
  const db = await openDatabase({ databaseUrl: null, dataDir: join(root, 'data') });
  return {
    db,
    async close() {
      await db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
});
