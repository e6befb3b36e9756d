import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYearRange } from '../../src/search/query-parser.ts';
import { queryParserIsTotal } from './core-properties.ts';
import { fuzz } from './fuzz-settings.ts';
import { MALFORMED_DATE_PIECES } from './hostile-strings.ts';

describe('the query parser on hostile queries', () => {
  it('throws nothing but QUERY_TOO_LONG and BAD_ARGUMENT, and takes every query apart cleanly', () => {
    fc.assert(queryParserIsTotal, fuzz(8000));
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
