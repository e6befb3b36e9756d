import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createButtonStore } from '../../../adapters/discord/button-store.ts';
import { limitProblems } from '../../../adapters/discord/limits.ts';
import type { DiscordView } from '../../../adapters/discord/to-reply.ts';
import type {
  AskAnswer,
  AskCitation,
  EvidenceSentence,
  HelpEntry,
  KeyPoint,
  PaperCard,
} from '../../../src/index.ts';
import { hostileShort, hostileText } from './hostile-text.ts';
import { storedReply } from './stored-reply.ts';

const hostileCard: fc.Arbitrary<PaperCard> = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), hostileShort),
    title: hostileText,
    url: fc.oneof(hostileShort, fc.webUrl(), fc.constant(`https://x.org/${'a'.repeat(3000)}`)),
    authors: fc.array(hostileShort, { maxLength: 5 }),
    authorsShort: hostileText,
    year: fc.integer({ min: -10_000, max: 100_000 }),
    venue: hostileText,
    arxiv: hostileShort,
    doi: hostileShort,
    snippet: fc.array(fc.record({ text: hostileText, match: fc.boolean() }), { maxLength: 6 }),
  },
  { requiredKeys: ['id', 'title', 'authors', 'authorsShort'] },
);

const points: fc.Arbitrary<KeyPoint[]> = fc.array(
  fc.record({ kind: fc.constantFrom('problem', 'method', 'result'), text: hostileText }),
  { maxLength: 4 },
);

const hostileCitation: fc.Arbitrary<AskCitation> = fc.record(
  {
    n: fc.integer({ min: 1, max: 12 }),
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), hostileShort),
    title: hostileText,
    arxiv: hostileShort,
    url: fc.oneof(hostileShort, fc.webUrl(), fc.constant(`https://x.org/(${'a'.repeat(3000)})`)),
  },
  { requiredKeys: ['n', 'id', 'title'] },
);

const askAnswer: fc.Arbitrary<AskAnswer> = fc
  .record(
    {
      refused: fc.boolean(),
      mode: fc.constantFrom('extractive' as const, 'model' as const),
      question: hostileText,
      lead: hostileText,
      segments: fc.array(
        fc.record({
          text: hostileText,
          cites: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
        }),
        { maxLength: 10 },
      ),
      evidence: fc.constant<EvidenceSentence[]>([]),
      citations: fc.array(hostileCitation, { maxLength: 12 }),
      closest: fc.array(hostileCard, { maxLength: 5 }),
      note: hostileText,
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    },
    { requiredKeys: ['refused', 'mode', 'question', 'lead', 'segments', 'evidence', 'citations'] },
  )
  .map((answer) => ({ confidence: 0, ...answer }));

const views: fc.Arbitrary<DiscordView> = fc.oneof(
  fc.record({ kind: fc.constant('ask-answer' as const), answer: askAnswer }),
  fc.record({
    kind: fc.constant('ask-progress' as const),
    question: hostileText,
    segments: fc.array(
      fc.record({ text: hostileText, cites: fc.array(fc.nat(20), { maxLength: 3 }) }),
      { maxLength: 8 },
    ),
  }),
  fc
    .record({
      query: hostileText,
      author: hostileShort,
      year: hostileShort,
      limit: fc.integer({ min: 1, max: 10 }),
      cards: fc.array(hostileCard, { minLength: 1, maxLength: 10 }),
      page: fc.nat(50),
      pageCount: fc.integer({ min: 1, max: 60 }),
    })
    .map(({ query, author, year, limit, cards, page, pageCount }) => ({
      kind: 'results' as const,
      request: { query, author, year, limit },
      total: cards.length * pageCount,
      page: Math.min(page, pageCount - 1),
      pageCount,
      cards: cards.slice(0, limit),
    })),
  fc.record({ kind: fc.constant('paper' as const), card: hostileCard, abstract: hostileText }),
  fc.record({
    kind: fc.constant('summary' as const),
    card: hostileCard,
    tldr: hostileText,
    points,
  }),
  fc.record({
    kind: fc.constant('digest' as const),
    topic: hostileText,
    total: fc.nat(),
    items: fc.array(fc.record({ card: hostileCard, tldr: hostileText }), { maxLength: 10 }),
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
    text: hostileText,
  }),
  fc.record({
    kind: fc.constant('random' as const),
    topic: hostileText,
    card: hostileCard,
    tldr: hostileText,
  }),
  fc.record({
    kind: fc.constant('daily' as const),
    date: hostileShort,
    card: hostileCard,
    tldr: hostileText,
    points,
  }),
  fc.record({
    kind: fc.constant('help' as const),
    entries: fc.constant<HelpEntry[]>([
      { command: '/search', usage: 'query', example: '/search query:x', description: 'Find.' },
    ]),
    stats: fc.record({
      papers: fc.nat(),
      topAuthors: fc.array(fc.record({ name: hostileText, papers: fc.nat() }), { maxLength: 8 }),
      collections: fc.array(hostileText, { maxLength: 12 }),
    }),
  }),
  fc.record({
    kind: fc.constant('notice' as const),
    tone: fc.constantFrom('info' as const, 'error' as const),
    text: hostileText,
  }),
  fc.record({
    kind: fc.constant('daily-admin' as const),
    ok: fc.boolean(),
    text: hostileText,
    public: fc.boolean(),
  }),
);

/** Every text of a payload a user reads. */
function texts(payload: ReturnType<typeof storedReply>): string[] {
  const out = [payload.content ?? ''];
  for (const e of payload.embeds) {
    out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  return out;
}

/** How many papers a view shows. */
function paperCount(view: DiscordView): number {
  switch (view.kind) {
    case 'results':
    case 'similar':
      return view.cards.length;
    case 'digest':
      return view.items.length;
    case 'paper':
    case 'summary':
    case 'citation':
    case 'random':
    case 'daily':
    case 'ask-progress':
      return 1;
    case 'ask-answer':
      return view.answer.refused ? (view.answer.closest ?? []).length : 1;
    default:
      return 0;
  }
}

describe('every Discord reply, whatever the corpus and the user throw at it', () => {
  it('stays within every limit, pings nobody and drops no paper', () => {
    fc.assert(
      fc.property(views, (view) => {
        const reply = storedReply(view, { store: createButtonStore() });
        expect(limitProblems(reply)).toEqual([]);
        expect(reply.allowed_mentions).toEqual({ parse: [] });
        const shown = view.kind === 'results' && view.cards.length === 0 ? 0 : paperCount(view);
        const expectedEmbeds = view.kind === 'citation' || view.kind === 'help' ? 1 : shown;
        if (!(view.kind === 'similar' && view.cards.length === 0)) {
          expect(reply.embeds).toHaveLength(expectedEmbeds);
        }
        for (const text of texts(reply)) {
          expect(text).not.toMatch(/@(everyone|here)/);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none got through
          expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e\u2066]/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
