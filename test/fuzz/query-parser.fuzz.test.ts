import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isShammieError } from '../../src/index.ts';
import { MAX_QUERY_LENGTH, parseQuery, parseYearRange } from '../../src/search/query-parser.ts';
import { fuzz } from './fuzz-settings.ts';
import { hostileQuery, MALFORMED_DATE_PIECES } from './hostile-strings.ts';

/** Calls `work`; a ShammieError with one of `codes` is an answer, anything else fails the case. */
function codeOf(work: () => unknown, codes: readonly string[]): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (!isShammieError(error) || !codes.includes(error.code)) throw error;
    return error.code;
  }
}

describe('the query parser on hostile queries', () => {
  it('throws nothing but QUERY_TOO_LONG and BAD_ARGUMENT, and takes every query apart cleanly', () => {
    fc.assert(
      fc.property(hostileQuery, (raw) => {
        let parsed: ReturnType<typeof parseQuery> | undefined;
        const code = codeOf(() => {
          parsed = parseQuery(raw);
        }, ['QUERY_TOO_LONG', 'BAD_ARGUMENT']);
        expect(code === 'QUERY_TOO_LONG').toBe(raw.length > MAX_QUERY_LENGTH);
        if (!parsed) return;
        expect(parsed.text).not.toMatch(/"/);
        expect(parsed.text).toBe(parsed.text.trim());
        for (const phrase of parsed.phrases) expect(phrase.trim()).not.toBe('');
        for (const author of parsed.authors) expect(author.trim()).not.toBe('');
        if (parsed.year) {
          expect(Number.isInteger(parsed.year.from) && Number.isInteger(parsed.year.to)).toBe(true);
          expect(parsed.year.from).toBeLessThanOrEqual(parsed.year.to);
        }
        for (const id of parsed.arxivIds) expect(id).toMatch(/^\S+$/);
        for (const doi of parsed.dois) expect(doi).toMatch(/^10\./);
      }),
      fuzz(8000),
    );
  });

  it('reads malformed years as no year (a friendly BAD_ARGUMENT), never as a wrong range', () => {
    const value = fc.oneof(
      fc.constantFrom(...MALFORMED_DATE_PIECES, '20233', '202', '2023...2024', '>=', '..', '–'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(value, (v) => {
        const range = parseYearRange(v);
        if (range === undefined) return;
        expect(range.from).toBeLessThanOrEqual(range.to);
        // A range only ever comes from four-digit years that are in the text.
        for (const year of [range.from, range.to]) {
          if (year !== 0 && year !== 9999) expect(v).toMatch(/\d{4}/);
        }
      }),
      fuzz(4000),
    );
  });
});
