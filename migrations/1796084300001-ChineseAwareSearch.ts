import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chinese-aware full-text search (BX4). `pg_trgm` cannot index a two-character Chinese word (most of them
 * are), so every run of CJK characters is indexed as its characters and overlapping pairs, and every run of
 * letters and digits as one lower-cased word, in a `tsvector` with a GIN index. `apps/server/src/search/
 * search-terms.ts` plans queries with exactly the same rules (a test holds the two together); the exact
 * phrase is then checked on the candidates with `desk_search_text`.
 *
 * The folding is spelled out (ASCII and Latin-1 capitals, full-width letters and digits) rather than
 * `lower()` or NFKC, whose results depend on the locale and the Unicode version: an index must not change
 * meaning when the database moves, and PGlite and PostgreSQL must agree.
 *
 * Indexes on expressions, not stored generated columns: every insert path gets the terms from the database
 * itself, and an update that leaves the text alone (the contact upsert of every callback, delivery states)
 * does not compute them again nor widen the rows. Events are not indexed (system lines, not anyone's words),
 * nor messages without words (pictures, files).
 */
export class ChineseAwareSearch1796084300001 implements MigrationInterface {
  name = 'ChineseAwareSearch1796084300001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE FUNCTION desk_search_fold(doc text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fold$
        SELECT CASE WHEN lower(doc COLLATE "C") ~ '[À-Þ\\uff10-\\uff5a]'
          THEN translate(lower(doc COLLATE "C"),
            'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９',
            'àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789')
          ELSE lower(doc COLLATE "C") END
      $fold$`);

    // Linear in the text (regular expressions, no per-character loop): ~50 µs for a 40-character message.
    await db.query(`CREATE FUNCTION desk_search_vector(doc text) RETURNS tsvector
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $vector$
      DECLARE
        d text;
        words text[];
        cjk text;
      BEGIN
        IF doc IS NULL OR doc = '' THEN
          RETURN ''::tsvector;
        END IF;
        d := desk_search_fold(left(doc, 4000));
        words := regexp_split_to_array(
          regexp_replace(d, '[^0-9a-zß-öø-ÿ\\u0100-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff]+', ' ', 'g'), ' ');
        IF d ~ '[0-9a-zß-öø-ÿ\\u0100-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff]{65}' THEN
          words := ARRAY(SELECT left(w, 64) FROM unnest(words) AS w);
        END IF;
        -- The CJK runs, one space between them; pairs are cut twice, from the first and the second character.
        cjk := regexp_replace(d,
          '[^\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\U00020000-\\U0002fa1f]+', ' ', 'g');
        RETURN array_to_tsvector(array_remove(
          words
          || string_to_array(replace(cjk, ' ', ''), NULL)
          || regexp_split_to_array(regexp_replace(cjk, '([^ ]{2})', '\\1 ', 'g'), ' ')
          || regexp_split_to_array(
               regexp_replace(regexp_replace(cjk, '(^| )[^ ]', '\\1', 'g'), '([^ ]{2})', '\\1 ', 'g'), ' '),
          ''));
      END
      $vector$`);

    // The searchable form for the exact check: the runs joined by single spaces, a space at either end.
    await db.query(`CREATE FUNCTION desk_search_text(doc text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $text$
        SELECT ' ' || coalesce(string_agg(run[1], ' ' ORDER BY n), '') || ' '
        FROM regexp_matches(desk_search_fold(coalesce(doc, '')),
          '([0-9a-zß-öø-ÿ\\u0100-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff]+|[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\U00020000-\\U0002fa1f]+)',
          'g') WITH ORDINALITY AS runs(run, n)
      $text$`);

    await db.query(`CREATE INDEX messages_search_idx ON messages USING gin (desk_search_vector(text))
      WHERE type <> 'event' AND text IS NOT NULL`);
    await db.query(
      `CREATE INDEX contacts_search_idx ON contacts USING gin (desk_search_vector(display_name))`,
    );
    await db.query(`CREATE INDEX people_search_idx ON people USING gin (desk_search_vector(display_name))
      WHERE display_name IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX people_search_idx`);
    await db.query(`DROP INDEX contacts_search_idx`);
    await db.query(`DROP INDEX messages_search_idx`);
    await db.query(`DROP FUNCTION desk_search_text(text)`);
    await db.query(`DROP FUNCTION desk_search_vector(text)`);
    await db.query(`DROP FUNCTION desk_search_fold(text)`);
  }
}
