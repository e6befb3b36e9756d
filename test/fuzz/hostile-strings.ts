/**
 * Text that has hurt chat bots, search engines and formatters, as fast-check arbitraries: every
 * kind of Unicode (astral, combining, right-to-left, zero-width, lone surrogates, controls),
 * markdown and mrkdwn, special mentions of both platforms, regular-expression and replacement
 * metacharacters, malformed paper ids and dates, and 100,000-character strings. Pieces are mixed
 * with random text so shapes nobody listed turn up too.
 */
import fc from 'fast-check';
import { hostileText as discordHostileText } from '../adapters/discord/hostile-text.ts';

/** Longest string the suites build: far beyond any platform's message size. */
export const HUGE_LENGTH = 100_000;

/** Unicode that breaks naive length counts, cuts, comparisons and rendering. */
export const UNICODE_PIECES = [
  '😀',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇫🇷',
  '𝔸𝕓𝖈',
  '𠀀𠀁',
  'e\u0301',
  'a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359',
  'مرحبا',
  'שלום',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200f',
  '\u061c',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ufffe',
  '\uffff',
  '\ufe0f',
  '\u{e0041}',
  'ﬁ',
  'Ａ',
  'İ',
  'ß',
  'ǅ',
  '\u0130\u0131',
  '\u3000',
  '\u00a0',
  '\u2003',
  '\u2028',
  '\u2029',
  '\u0085',
];

/** C0 and C1 control characters and the line breaks of every convention. */
export const CONTROL_PIECES = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\t',
  '\n',
  '\u000b',
  '\u000c',
  '\r',
  '\r\n',
  '\u001b[31m',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u009b',
  '\u009f',
];

/** Markdown (Discord) and mrkdwn (Slack) that would format, link or break a message. */
export const MARKUP_PIECES = [
  '**',
  '__',
  '*',
  '_',
  '~~',
  '~',
  '||',
  '`',
  '``',
  '```',
  '```js\n',
  '\\',
  '\\*',
  '# ',
  '## ',
  '-# ',
  '> ',
  '>>> ',
  '\n> ',
  '\n- ',
  '\n1. ',
  '[click](https://evil.example)',
  '<https://evil.example|click>',
  '<mailto:a@b.c|mail>',
  'https://example.org/a_b*c',
  '&',
  '&amp;',
  '&lt;',
  '&gt;',
  '&#64;',
  '<',
  '>',
  '|',
  ':smile:',
  '<:emoji:123456789012345678>',
  '<t:0:R>',
];

/** Every way of pinging many people at once, and look-alikes. */
export const MENTION_PIECES = [
  '@everyone',
  '@here',
  '@channel',
  '@EVERYONE',
  '@Here',
  '＠everyone',
  '@\u200beveryone',
  '@everyon\u0435',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<#123456789012345678>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<!subteam^S0123|@team>',
  '<!date^1392734382^{date}|Feb 18>',
  '<@U0BOT>',
  '<@U0ALICE|alice>',
  '<#C0LAB|papers>',
];

/** Characters that mean something to regular expressions and to `String.replace`. */
export const REGEX_PIECES = [
  '.*',
  '.+?',
  '(a+)+',
  '(?:',
  '(?<n>',
  '[^',
  ']',
  '{2,}',
  '\\d',
  '\\',
  '^',
  '$',
  '$&',
  '$1',
  "$'",
  '$`',
  '$$',
  '|',
  '/',
  '?',
  '(',
  ')',
  '[',
  '{',
  '}',
];

/** Paper references that look like ids but are not quite. */
export const MALFORMED_ID_PIECES = [
  'arXiv:',
  'arXiv:2305.',
  'arXiv: 2305.11206',
  'arxiv:9999.99999v',
  '2305.11206v0',
  '2305.112060000',
  '0000.00000',
  'hep-th/',
  'hep-th/99',
  '10.',
  '10./x',
  '10.1000/',
  '10.1000/ ',
  'doi:',
  'doi:10.',
  'https://doi.org/',
  'https://arxiv.org/abs/',
  'https://arxiv.org/abs/../../etc/passwd',
  'https://arxiv.org/pdf/2305.11206v',
  'http://',
  'https://',
  'javascript:alert(1)',
  'data:text/html,x',
  'file:///etc/passwd',
];

/** Dates that are not calendar dates, or are but far away or oddly written. */
export const MALFORMED_DATE_PIECES = [
  '2024-02-30',
  '2023-02-29',
  '2024-02-29',
  '2024-13-01',
  '2024-00-10',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '9999-99-99',
  '-2024-01-01',
  '+275760-09-13',
  '2024-1-1',
  '24-01-01',
  '2024/01/01',
  '2024-01-01T00:00:00Z',
  '２０２４-０１-０１',
  '٢٠٢٤-٠١-٠١',
  '1e3',
  'NaN',
  'Infinity',
  'today',
  'yesterday',
  '25:61',
  '9:5',
  '00:00',
  '23:59',
  '24:00',
  'Europe/Nowhere',
  'UTC+25',
  '../../etc',
];

/** Words the chat grammar and the query parser act on. */
export const KEYWORD_PIECES = [
  'search',
  'paper',
  'summary',
  'random',
  'similar',
  'cite',
  'daily',
  'add',
  'remove',
  'library',
  'help',
  'find',
  'tldr',
  '?',
  'subscribe',
  'unsubscribe',
  'status',
  'show',
  'as apa',
  'in mla',
  '--format=bibtex',
  'bib',
  'author:',
  'author:"',
  'by:',
  'year:',
  'year:..',
  'year:>=',
  'year:2023..2024',
  'year:abc',
  '"',
  '""',
  '"long context"',
  'long',
  'context',
  'attention',
  'the',
];

/** Runs of space that are not ASCII spaces, and ASCII ones. */
export const SPACE_PIECES = [' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u3000', '\u2003', '\u205f'];

/** Every piece above. */
export const ALL_PIECES = [
  ...UNICODE_PIECES,
  ...CONTROL_PIECES,
  ...MARKUP_PIECES,
  ...MENTION_PIECES,
  ...REGEX_PIECES,
  ...MALFORMED_ID_PIECES,
  ...MALFORMED_DATE_PIECES,
  ...KEYWORD_PIECES,
  ...SPACE_PIECES,
];

/** A mix of hostile pieces and random text, up to a few hundred characters. */
export const pieceSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ALL_PIECES) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    { maxLength: 50 },
  )
  .map((parts) => parts.join(''));

/**
 * A long hostile string, often exactly {@link HUGE_LENGTH} characters: a hostile piece repeated
 * (cheap to build, and a cut at the end may split a surrogate pair or an escape).
 */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    pieceSoup.filter((s) => s !== ''),
    fc.oneof(fc.constant(HUGE_LENGTH), fc.integer({ min: 1_000, max: HUGE_LENGTH })),
  )
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** Any hostile text, from empty to {@link HUGE_LENGTH} characters. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: pieceSoup },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) },
  { weight: 1, arbitrary: discordHostileText },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\u200b', '\ud800') },
);

/** Hostile text short enough for a field that is short in real corpora (names, venues, ids). */
export const hostileShort: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: pieceSoup.map((s) => s.slice(0, 120)) },
  { weight: 1, arbitrary: hostileString },
);

/** A hostile string that starts with a command word, so the grammar's branches are all reached. */
export const hostileCommand: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      ...KEYWORD_PIECES.slice(0, 16),
      'daily subscribe',
      'daily show',
      'cite x',
      'ask',
    ),
    fc.constantFrom(' ', '  ', '\n', '\t', '\u3000', ''),
    hostileString,
    fc.option(fc.constantFrom(' apa', ' as mla', ' --format=bibtex', ' BIB', ' 09:30 UTC'), {
      nil: '',
    }),
  )
  .map(([word, space, rest, tail]) => `${word}${space}${rest}${tail}`);

/** A query-shaped string: words, filters, quotes, ids, within or just past the length limit. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...KEYWORD_PIECES.slice(16), ...MALFORMED_ID_PIECES),
          fc.constantFrom(...MALFORMED_DATE_PIECES).map((d) => `year:${d}`),
          fc.constantFrom(...REGEX_PIECES, ...UNICODE_PIECES, ...MENTION_PIECES),
          fc.string({ maxLength: 10 }),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(' ')),
  },
  { weight: 2, arbitrary: hostileString.map((s) => s.slice(0, 520)) },
  { weight: 1, arbitrary: hostileString },
);
