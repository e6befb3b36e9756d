import fc from 'fast-check';
import { describe, it } from 'vitest';
import { grammarIsTotal, queryParserIsTotal } from './core-properties.ts';
import { fuzz } from './fuzz-settings.ts';

// The fast part of the fuzz suites, in the normal `npm test`: the same properties as
// grammar.fuzz.test.ts and query-parser.fuzz.test.ts, a few hundred runs each.
describe('the core parsers on hostile text (a few hundred cases; npm run test:fuzz runs more)', () => {
  it('the chat grammar never throws and always returns a well-formed command', () => {
    fc.assert(grammarIsTotal, fuzz(300));
  });

  it('the query parser throws only its documented errors and takes queries apart cleanly', () => {
    fc.assert(queryParserIsTotal, fuzz(300));
  });
});
