import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answer,
  CITATION_FORMATS,
  createEngine,
  type Engine,
  isEngineCommand,
  isShammieError,
  parseChat,
  type SearchResult,
} from '../../src/index.ts';
import { fuzz } from './fuzz-settings.ts';
import { hostileCorpus, ORDINARY_PAPERS } from './hostile-papers.ts';
import {
  hostileCommand,
  hostileQuery,
  hostileShort,
  hostileString,
  MALFORMED_DATE_PIECES,
  MALFORMED_ID_PIECES,
} from './hostile-strings.ts';

/**
 * Runs `work`; a ShammieError whose code is in `codes` is the API's documented answer and comes
 * back as its code; any other error fails the case with that error.
 */
function attempt<T>(work: () => T, codes: readonly string[]): T | { code: string } {
  try {
    return work();
  } catch (error) {
    if (isShammieError(error) && codes.includes(error.code)) return { code: error.code };
    throw error;
  }
}

const isCode = (value: unknown): value is { code: string } =>
  typeof value === 'object' && value !== null && 'code' in value && !('hits' in value);

const SEARCH_CODES = ['EMPTY_QUERY', 'QUERY_TOO_LONG', 'BAD_ARGUMENT'];
const RESOLVE_CODES = ['EMPTY_QUERY', 'QUERY_TOO_LONG', 'PAPER_NOT_FOUND'];

/** Checks a search result's shape against the engine's promises. */
function checkResult(engine: Engine, result: SearchResult, limit: number): void {
  expect(result.hits.length).toBeLessThanOrEqual(limit);
  expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  const ids = result.hits.map((h) => h.paper.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (let i = 0; i < result.hits.length; i++) {
    const hit = result.hits[i]!;
    expect(engine.papers).toContain(hit.paper);
    expect(Number.isFinite(hit.score)).toBe(true);
    if (i > 0) expect(hit.score).toBeLessThanOrEqual(result.hits[i - 1]!.score);
    for (const part of hit.snippet) {
      expect(typeof part.text).toBe('string');
      expect(typeof part.match).toBe('boolean');
    }
  }
}

/** Random numbers a broken source might give. */
const oddRandom = fc.constantFrom(0, 0.5, 0.999999, 1, -1, 2, Number.NaN, Number.POSITIVE_INFINITY);

describe('the engine over hostile corpora and hostile queries', () => {
  it('searches, pages, looks up and suggests without any error but the documented ones', () => {
    fc.assert(
      fc.property(
        hostileCorpus(),
        fc.array(hostileQuery, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -5, max: 50 }),
        fc.option(hostileShort, { nil: undefined }),
        fc.option(fc.oneof(fc.constantFrom(...MALFORMED_DATE_PIECES), fc.integer()), {
          nil: undefined,
        }),
        (papers, queries, limit, author, year) => {
          const engine = createEngine(papers);
          for (const query of [...queries, 'long context']) {
            const options = {
              limit,
              ...(author !== undefined ? { author } : {}),
              ...(year !== undefined ? { year } : {}),
            };
            const result = attempt(() => engine.search(query, options), SEARCH_CODES);
            if (!isCode(result)) {
              const clamped = Math.min(Math.max(limit, 0), 1000);
              checkResult(engine, result, clamped);
              // Pages agree with one longer list.
              const page2 = engine.search(query, { ...options, limit: 2, offset: 2 });
              const first4 = engine.search(query, { ...options, limit: 4 });
              expect(page2.hits.map((h) => h.paper.id)).toEqual(
                first4.hits.slice(2).map((h) => h.paper.id),
              );
            }
            const found = engine.lookup(query);
            if (found) expect(engine.papers).toContain(found);
            const resolved = attempt(() => engine.resolve(query), RESOLVE_CODES);
            if (!isCode(resolved)) expect(resolved).toBe(found);
            const suggestions = engine.suggest(query, limit);
            expect(suggestions.length).toBeLessThanOrEqual(Math.min(Math.max(limit, 0), 100));
            expect(new Set(suggestions).size).toBe(suggestions.length);
            for (const s of suggestions) expect(engine.papers).toContain(s);
          }
        },
      ),
      fuzz(800),
    );
  });

  it('finds a paper by any of its ids, even among hostile neighbours', () => {
    fc.assert(
      fc.property(hostileCorpus(4), fc.constantFrom(...ORDINARY_PAPERS), (papers, known) => {
        const engine = createEngine(papers);
        // A hostile paper may claim the same arXiv id or DOI; some paper must still answer.
        for (const ref of [known.id, `arXiv:${known.arxiv ?? known.id}`]) {
          expect(engine.lookup(ref)).toBeDefined();
        }
        expect(engine.lookup(known.id)).toBe(known);
      }),
      fuzz(400),
    );
  });

  it('summarizes, digests, finds similar papers, cites and picks for every paper', () => {
    fc.assert(
      fc.property(
        hostileCorpus(4),
        hostileQuery,
        oddRandom,
        fc.oneof(fc.constantFrom(...CITATION_FORMATS), hostileShort),
        (papers, topic, r, format) => {
          const engine = createEngine(papers);
          for (const paper of engine.papers) {
            const summary = engine.summarize(paper);
            expect(summary.paperId).toBe(paper.id);
            expect(typeof summary.tldr).toBe('string');
            expect(summary.points.length).toBeLessThanOrEqual(4);
            for (const point of summary.points) {
              expect(['problem', 'method', 'result']).toContain(point.kind);
            }
            expect(engine.summarize(paper.id)).toEqual(summary);
            const similar = engine.similar(paper, 5);
            expect(similar.length).toBeLessThanOrEqual(5);
            for (const hit of similar) expect(hit.paper.id).not.toBe(paper.id);
            const cited = attempt(
              () => engine.cite(paper, format as (typeof CITATION_FORMATS)[number]),
              ['BAD_FORMAT'],
            );
            const valid = (CITATION_FORMATS as readonly string[]).includes(format.toLowerCase());
            if (isCode(cited)) expect(valid).toBe(false);
            else expect(typeof cited).toBe('string');
          }
          const digest = attempt(() => engine.digest(topic, 3), SEARCH_CODES);
          if (!isCode(digest)) expect(digest.items.length).toBeLessThanOrEqual(3);
          const picked = attempt(() => engine.random(() => r, topic), SEARCH_CODES);
          if (picked !== undefined && !isCode(picked)) expect(engine.papers).toContain(picked);
          expect(engine.papers).toContain(engine.random(() => r));
          expect(engine.stats().papers).toBe(engine.papers.length);
        },
      ),
      fuzz(500),
    );
  });

  it('answers malformed dates for daily with BAD_DATE, and real dates with a paper', () => {
    const date = fc.oneof(
      fc.constantFrom(...MALFORMED_DATE_PIECES),
      hostileShort,
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.nat(31))
        .map(
          ([y, m, d]) =>
            `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
    );
    const engine = createEngine([...ORDINARY_PAPERS]);
    fc.assert(
      fc.property(date, (d) => {
        const paper = attempt(() => engine.daily(d), ['BAD_DATE']);
        const real = /^\d{4}-\d{2}-\d{2}$/.test(d) && isCalendarDate(d);
        expect(isCode(paper)).toBe(!real);
        if (!isCode(paper)) {
          expect(engine.papers).toContain(paper);
          expect(engine.daily(d)).toBe(paper);
        }
      }),
      fuzz(4000),
    );
  });

  // Year 0 used to fail with a message naming "00-1-12-31", a date nobody typed; it is refused
  // now, naming the date as typed.
  it('refuses 0000-01-01 naming the date as typed', () => {
    const engine = createEngine([...ORDINARY_PAPERS]);
    expect(() => engine.daily('0000-01-01')).toThrow(/0000-01-01 is before year 1/);
  });

  it('answers any chat command with a view: user errors are notices, nothing escapes', () => {
    fc.assert(
      fc.property(
        hostileCorpus(4),
        fc.array(fc.oneof(hostileCommand, hostileString), { minLength: 1, maxLength: 8 }),
        oddRandom,
        (papers, texts, r) => {
          const engine = createEngine(papers);
          for (const text of texts) {
            const command = parseChat(text);
            if (!isEngineCommand(command)) continue;
            const view = answer(engine, command, { today: '2026-05-01', random: () => r });
            expect(typeof view.kind).toBe('string');
            if (view.kind === 'notice') expect(view.text.trim()).not.toBe('');
          }
        },
      ),
      fuzz(800),
    );
  });

  it('accepts malformed ids as references without throwing anything undocumented', () => {
    const ref = fc
      .tuple(fc.constantFrom(...MALFORMED_ID_PIECES), fc.string({ maxLength: 20 }))
      .map(([a, b]) => a + b);
    const engine = createEngine([...ORDINARY_PAPERS]);
    fc.assert(
      fc.property(ref, (r) => {
        const found = engine.lookup(r);
        if (found) expect(ORDINARY_PAPERS).toContain(found);
        attempt(() => engine.resolve(r), RESOLVE_CODES);
        attempt(() => engine.search(r), SEARCH_CODES);
        engine.suggest(r);
      }),
      fuzz(3000),
    );
  });
});

/** True for a real proleptic Gregorian date written YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  // Year 0 is refused: the calendar people write goes from 1 BC to AD 1.
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days;
}
