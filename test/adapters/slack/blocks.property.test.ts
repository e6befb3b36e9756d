import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSlackMessage } from '../../../adapters/slack/blocks/to-slack-message.ts';
import { decodeSlackText } from '../../../adapters/slack/decode-slack-text.ts';
import type { CorpusStats, HelpEntry, KeyPoint, ReplyView } from '../../../src/index.ts';
import { HELP_ENTRIES } from '../../../src/index.ts';
import { cardArb, hostile } from './hostile-arbitraries.ts';
import { violations } from './message-checks.ts';

const points: fc.Arbitrary<KeyPoint[]> = fc.array(
  fc.record({ kind: fc.constantFrom('problem', 'method', 'result'), text: hostile }),
  { maxLength: 4 },
);

const viewArb: fc.Arbitrary<ReplyView> = fc.oneof(
  fc
    .record({
      query: hostile,
      limit: fc.integer({ min: 1, max: 10 }),
      total: fc.nat(10_000),
      page: fc.nat(50),
      pageCount: fc.integer({ min: 1, max: 60 }),
      cards: fc.array(cardArb, { maxLength: 10 }),
    })
    .map(({ query, limit, total, page, pageCount, cards }) => ({
      kind: 'results' as const,
      request: { query, limit },
      total,
      page,
      pageCount,
      cards,
    })),
  fc.record({ kind: fc.constant('paper' as const), card: cardArb, abstract: hostile }),
  fc.record({ kind: fc.constant('summary' as const), card: cardArb, tldr: hostile, points }),
  fc.record({
    kind: fc.constant('digest' as const),
    topic: hostile,
    total: fc.nat(),
    items: fc.array(fc.record({ card: cardArb, tldr: hostile }), { maxLength: 10 }),
  }),
  fc.record({
    kind: fc.constant('similar' as const),
    of: cardArb,
    cards: fc.array(cardArb, { maxLength: 10 }),
  }),
  fc.record({
    kind: fc.constant('citation' as const),
    card: cardArb,
    format: fc.constantFrom('bibtex' as const, 'apa' as const, 'mla' as const),
    text: hostile,
  }),
  fc.record({ kind: fc.constant('random' as const), topic: hostile, card: cardArb, tldr: hostile }),
  fc.record({
    kind: fc.constant('daily' as const),
    date: hostile,
    card: cardArb,
    tldr: hostile,
    points,
  }),
  fc.record({
    kind: fc.constant('help' as const),
    entries: fc.constant<HelpEntry[]>([...HELP_ENTRIES]),
    stats: fc.record({
      papers: fc.nat(),
      topAuthors: fc.constant<CorpusStats['topAuthors']>([]),
      collections: fc.array(hostile, { maxLength: 8 }),
    }),
  }),
  fc.record({
    kind: fc.constant('notice' as const),
    tone: fc.constantFrom('info' as const, 'error' as const),
    text: hostile,
  }),
);

describe('Slack messages from hostile views', () => {
  it('always stay within every Block Kit limit and never carry unescaped markup', () => {
    fc.assert(
      fc.property(
        viewArb,
        hostile,
        fc.option(hostile, { nil: undefined }),
        (view, invocation, more) => {
          const message = toSlackMessage(view, {
            invocation,
            ...(more !== undefined && more !== '' && more.length <= 2000
              ? { moreValue: more }
              : {}),
          });
          expect(violations(message)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is pure: the same view gives the same message', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        expect(toSlackMessage(view)).toEqual(toSlackMessage(view));
      }),
      { numRuns: 50 },
    );
  });
});

describe('decodeSlackText on hostile input', () => {
  it('never throws, and returns trimmed text', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.option(fc.constantFrom('U0BOT', 'U123'), { nil: undefined }),
        (text, bot) => {
          const decoded = decodeSlackText(text, bot ? { botUserId: bot } : {});
          expect(decoded).toBe(decoded.trim());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves text without Slack markup as typed (but for spacing)', () => {
    const plain = fc.string({ maxLength: 200 }).filter((t) => !/[<>&\u00a0]/.test(t));
    fc.assert(
      fc.property(plain, (text) => {
        expect(decodeSlackText(text)).toBe(text.replace(/[ \t]{2,}/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
  });
});
