import fc from 'fast-check';

/** Pieces of text that have hurt chat bots: markup, mentions, emoji, RTL, controls, fences. */
const NASTY = [
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<#123456789012345678>',
  '<t:0:R>',
  '**',
  '__',
  '~~',
  '||',
  '`',
  '```',
  '\\',
  '[click](https://evil.example)',
  '# ',
  '\n> ',
  '\n- ',
  '\n1. ',
  '-# ',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  'e\u0301\u0301\u0301',
  'مرحبا بالعالم',
  'שלום',
  '\u202e',
  '\u2066',
  '\u0000',
  '\u0007',
  '\r\n',
  '\t',
  '\ud800',
  '\udfff',
  '\u200b',
  '\ufeff',
  ' ',
  'https://example.org/a_b*c',
];

/** Hostile text: up to 10,000 characters of markup, mentions, emoji, RTL and control characters. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...NASTY), { maxLength: 60 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .tuple(fc.constantFrom(...NASTY), fc.integer({ min: 1, max: 10_000 }))
    .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, 10_000)),
  // Long text of any characters, cheaply: a random piece repeated (a cut may split a pair).
  fc
    .tuple(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }),
      fc.integer({ min: 1, max: 10_000 }),
    )
    .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n)),
  fc.constant(''),
);

/** Short hostile text, for fields that are short in real corpora but need not be. */
export const hostileShort: fc.Arbitrary<string> = fc.oneof(
  hostileText.map((t) => t.slice(0, 200)),
  hostileText,
);
