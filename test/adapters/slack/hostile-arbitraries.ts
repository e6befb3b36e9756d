import fc from 'fast-check';
import type { PaperCard } from '../../../src/index.ts';

/** Arbitraries of hostile text and paper cards for the property tests of Slack messages. */

/** Pieces that attack Slack markup, sizes and code blocks. */
export const NASTY = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<#C1|x>',
  '<https://evil.example|click>',
  '&',
  '&amp;',
  '&lt;',
  '<',
  '>',
  '|',
  '*',
  '_',
  '```',
  '`',
  '\n',
  ' ',
  '😀',
  '\ud83d',
  'é',
  '\u0000',
];

/** Hostile text: random strings, markup pieces, and occasionally something enormous. */
export const hostile = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })), { maxLength: 40 })
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY), fc.integer({ min: 1, max: 4000 }))
      .map(([s, n]) => s.repeat(n)),
  },
);

export const url = fc.oneof(
  fc.constant(undefined),
  fc.webUrl(),
  hostile,
  fc.constant('https://e.org/?a=1&b=<!channel>'),
);

export const cardArb: fc.Arbitrary<PaperCard> = fc.record(
  {
    id: fc.oneof(
      hostile,
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.constant('x'.repeat(2500)),
    ),
    title: hostile,
    url,
    authors: fc.array(hostile, { maxLength: 5 }),
    authorsShort: hostile,
    year: fc.integer({ min: -5000, max: 99999 }),
    venue: hostile,
    arxiv: hostile,
    doi: hostile,
    snippet: fc.array(fc.record({ text: hostile, match: fc.boolean() }), { maxLength: 12 }),
  },
  { requiredKeys: ['id', 'title', 'authors', 'authorsShort'] },
) as fc.Arbitrary<PaperCard>;
