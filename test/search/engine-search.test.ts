import { describe, expect, it } from 'vitest';
import { createEngine, isShammieError, type SearchResult } from '../../src/index.ts';
import { paper, TINY } from './papers.fixture.ts';

const engine = createEngine(TINY);
const ids = (result: SearchResult): string[] => result.hits.map((h) => h.paper.id);

describe('search', () => {
  it('ranks the paper whose title names the topic first', () => {
    expect(ids(engine.search('long context'))[0]).toBe('mega');
  });

  it('stems words so that "aligning" finds "Alignment"', () => {
    expect(ids(engine.search('aligning'))).toContain('lima');
  });

  it('ignores stopwords: "the of a" asks for nothing and finds nothing', () => {
    const result = engine.search('the of a');
    expect(result.total).toBe(0);
    expect(result.hits).toEqual([]);
  });

  it('forgives a typo in a short query', () => {
    expect(ids(engine.search('megalodn'))[0]).toBe('mega');
  });

  it('completes an unfinished last word', () => {
    expect(ids(engine.search('aerodyn'))[0]).toBe('wing');
  });

  it('matches hyphenated names typed without hyphens', () => {
    expect(ids(engine.search('pickapic'))[0]).toBe('pick');
  });

  it('returns the paper first when the query is its arXiv id, URL or DOI', () => {
    expect(ids(engine.search('2305.11206'))[0]).toBe('lima');
    expect(ids(engine.search('arXiv:2305.11206v2'))[0]).toBe('lima');
    expect(ids(engine.search('https://arxiv.org/abs/2404.08801'))[0]).toBe('mega');
    expect(ids(engine.search('https://doi.org/10.48550/arXiv.2305.11206'))[0]).toBe('lima');
  });

  it('filters by author, matching surnames and prefixes', () => {
    const result = engine.search('long author:shaham');
    expect(ids(result)).toEqual(['zero']);
    expect(ids(engine.search('benchmark', { author: 'Shaham' }))).toEqual(['zero']);
  });

  it('filters by year and by a range of years', () => {
    expect(ids(engine.search('long year:2024'))).toEqual(['mega']);
    expect(ids(engine.search('long year:2023..2024')).sort()).toEqual(['mega', 'zero']);
    expect(ids(engine.search('wing', { year: '1950..1960' }))).toEqual(['wing']);
  });

  it('lists every paper of a filter when the query has nothing else, newest first', () => {
    const result = engine.search('author:levy');
    expect(result.total).toBe(4);
    expect(ids(result)[0]).toBe('mega');
  });

  it('keeps only papers containing a quoted phrase', () => {
    expect(ids(engine.search('"long texts"'))).toEqual(['zero']);
    expect(engine.search('"texts long"').total).toBe(0);
  });

  it('keeps the word order of a phrase shared by thousands of papers', () => {
    // Over PHRASE_CHECK_ALL papers hold both words: only those shown are checked for order.
    const many = Array.from({ length: 2500 }, (_, i) =>
      paper({
        id: `p${i}`,
        title: `Study ${i}`,
        abstract: i % 2 === 0 ? 'We study long context models.' : 'Context is long for models.',
      }),
    );
    const result = createEngine(many).search('"long context"', { limit: 50 });
    expect(result.hits).toHaveLength(50);
    expect(result.hits.every((h) => Number(h.paper.id.slice(1)) % 2 === 0)).toBe(true);
  });

  it('marks the matched words in each snippet', () => {
    const [hit] = engine.search('preferences images').hits;
    const marked = hit?.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['preferences', 'images']));
  });

  it('pages through results with totals that do not change between pages', () => {
    const first = engine.search('omer levy', { limit: 2 });
    const second = engine.search('omer levy', { limit: 2, offset: 2 });
    expect(first.total).toBe(second.total);
    expect(first.hits).toHaveLength(2);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(
      ids(first).length + ids(second).length,
    );
  });

  it('rejects an empty query and a query over 500 characters with a code', () => {
    for (const [query, code] of [
      ['   ', 'EMPTY_QUERY'],
      ['x'.repeat(501), 'QUERY_TOO_LONG'],
    ] as const) {
      try {
        engine.search(query);
        expect.unreachable();
      } catch (error) {
        expect(isShammieError(error) && error.code).toBe(code);
      }
    }
  });

  it('rejects a malformed year filter with a friendly message', () => {
    expect(() => engine.search('long year:soon')).toThrow(/year:2023/);
  });

  it('is deterministic: equal scores are ordered by corpus position', () => {
    const twins = createEngine([
      paper({ id: 'b', title: 'Twin study', abstract: 'same words here' }),
      paper({ id: 'a', title: 'Twin study', abstract: 'same words here' }),
    ]);
    expect(ids(twins.search('twin'))).toEqual(['b', 'a']);
  });

  it('survives regular-expression metacharacters and markup in queries', () => {
    for (const q of ['(*+?[', '<@U123> @everyone', '**bold** _x_', '\u0000\u200f']) {
      expect(() => engine.search(q)).not.toThrow(/Invalid regular expression/);
    }
  });
});
