/**
 * Reply views of every kind, filled with hostile text, for the platform formatters. Views are
 * built directly (no engine), so sizes and shapes the engine would never produce are covered:
 * 100,000-character titles, pages past the last, totals that disagree with the cards.
 */
import fc from 'fast-check';
import type { DiscordView } from '../../adapters/discord/to-reply.ts';
import type { HelpEntry, KeyPoint, PaperCard, ReplyView } from '../../src/index.ts';
import { HELP_ENTRIES } from '../../src/index.ts';
import { hostileShort, hostileString, MALFORMED_ID_PIECES } from './hostile-strings.ts';

const url = fc.oneof(
  fc.constant(undefined),
  fc.webUrl(),
  hostileShort,
  fc.constantFrom(...MALFORMED_ID_PIECES),
  fc.constant('https://e.org/?a=1&b=<!channel>|x>'),
  fc.constant(`https://x.org/${'a'.repeat(5000)}`),
);

/** A paper card whose every text is hostile. */
export const hostileCard: fc.Arbitrary<PaperCard> = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), hostileShort, hostileString),
    title: hostileString,
    url,
    authors: fc.array(hostileShort, { maxLength: 6 }),
    authorsShort: hostileString,
    year: fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.constant(Number.NaN)),
    venue: hostileString,
    arxiv: hostileShort,
    doi: hostileShort,
    snippet: fc.array(fc.record({ text: hostileString, match: fc.boolean() }), { maxLength: 8 }),
  },
  { requiredKeys: ['id', 'title', 'authors', 'authorsShort'] },
) as fc.Arbitrary<PaperCard>;

const points: fc.Arbitrary<KeyPoint[]> = fc.array(
  fc.record({ kind: fc.constantFrom('problem', 'method', 'result'), text: hostileString }),
  { maxLength: 5 },
);

/** Every kind of core view, hostile throughout. */
export const hostileView: fc.Arbitrary<ReplyView> = fc.oneof(
  fc
    .record({
      query: hostileString,
      author: fc.option(hostileShort, { nil: undefined }),
      year: fc.option(hostileShort, { nil: undefined }),
      limit: fc.integer({ min: 1, max: 10 }),
      total: fc.nat(1_000_000),
      page: fc.nat(200),
      pageCount: fc.integer({ min: 1, max: 200 }),
      cards: fc.array(hostileCard, { maxLength: 10 }),
    })
    .map(({ query, author, year, limit, total, page, pageCount, cards }) => ({
      kind: 'results' as const,
      request: {
        query,
        limit,
        ...(author !== undefined ? { author } : {}),
        ...(year !== undefined ? { year } : {}),
      },
      total,
      page,
      pageCount,
      cards,
    })),
  fc.record({ kind: fc.constant('paper' as const), card: hostileCard, abstract: hostileString }),
  fc.record({
    kind: fc.constant('summary' as const),
    card: hostileCard,
    tldr: hostileString,
    points,
  }),
  fc.record({
    kind: fc.constant('digest' as const),
    topic: hostileString,
    total: fc.nat(),
    items: fc.array(fc.record({ card: hostileCard, tldr: hostileString }), { maxLength: 10 }),
  }),
  fc.record({
    kind: fc.constant('similar' as const),
    of: hostileCard,
    cards: fc.array(hostileCard, { maxLength: 10 }),
  }),
  fc.record({
    kind: fc.constant('citation' as const),
    card: hostileCard,
    format: fc.constantFrom('bibtex' as const, 'apa' as const, 'mla' as const),
    text: hostileString,
  }),
  fc.record(
    {
      kind: fc.constant('random' as const),
      topic: hostileString,
      card: hostileCard,
      tldr: hostileString,
    },
    { requiredKeys: ['kind', 'card', 'tldr'] },
  ),
  fc.record({
    kind: fc.constant('daily' as const),
    date: hostileShort,
    card: hostileCard,
    tldr: hostileString,
    points,
  }),
  fc.record({
    kind: fc.constant('help' as const),
    // Entries are Shammie's own words (markdown on purpose), never user or corpus text.
    entries: fc.constant<HelpEntry[]>([...HELP_ENTRIES]),
    stats: fc.record(
      {
        papers: fc.nat(),
        years: fc.record({ from: fc.integer(), to: fc.integer() }),
        topAuthors: fc.array(fc.record({ name: hostileString, papers: fc.nat() }), {
          maxLength: 10,
        }),
        collections: fc.array(hostileString, { maxLength: 12 }),
      },
      { requiredKeys: ['papers', 'topAuthors', 'collections'] },
    ),
  }),
  fc.record(
    {
      kind: fc.constant('notice' as const),
      tone: fc.constantFrom('info' as const, 'error' as const),
      code: fc.constantFrom(
        'EMPTY_QUERY' as const,
        'QUERY_TOO_LONG' as const,
        'PAPER_NOT_FOUND' as const,
        'BAD_DATE' as const,
        'BAD_FORMAT' as const,
        'INTERNAL' as const,
      ),
      text: hostileString,
    },
    { requiredKeys: ['kind', 'tone', 'text'] },
  ),
);

/** Every view the Discord adapter shows: the core's, and its own daily-admin answers. */
export const hostileDiscordView: fc.Arbitrary<DiscordView> = fc.oneof(
  { weight: 10, arbitrary: hostileView },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('daily-admin' as const),
      ok: fc.boolean(),
      text: hostileString,
      public: fc.boolean(),
    }),
  },
);
