import { describe, expect, it } from 'vitest';
import { parseQuery, parseYearRange } from '../../src/search/query-parser.ts';

describe('parseQuery', () => {
  it('takes author and year filters out of the free text', () => {
    const q = parseQuery('long context author:levy year:2023..2024');
    expect(q.text).toBe('long context');
    expect(q.authors).toEqual(['levy']);
    expect(q.year).toEqual({ from: 2023, to: 2024 });
  });

  it('reads quoted author names and quoted phrases', () => {
    const q = parseQuery('author:"Omer Levy" "less is more" alignment');
    expect(q.authors).toEqual(['Omer Levy']);
    expect(q.phrases).toEqual(['less is more']);
    expect(q.text).toBe('less is more alignment');
  });

  it('recognises arXiv ids, arXiv URLs and DOIs anywhere in the query', () => {
    const q = parseQuery('see https://arxiv.org/abs/2305.11206v2 and 10.1145/3292500.3330701');
    expect(q.arxivIds).toEqual(['2305.11206']);
    expect(q.dois).toEqual(['10.1145/3292500.3330701']);
    expect(q.text).toBe('see and');
  });

  it('does not mistake a year for an arXiv id', () => {
    expect(parseQuery('transformers 2023').arxivIds).toEqual([]);
  });
});

describe('parseYearRange', () => {
  it.each([
    ['2023', { from: 2023, to: 2023 }],
    ['2023..2024', { from: 2023, to: 2024 }],
    ['2024-2023', { from: 2023, to: 2024 }],
    ['2020..', { from: 2020, to: 9999 }],
    ['..2020', { from: 0, to: 2020 }],
    ['>=2021', { from: 2021, to: 9999 }],
    ['<2021', { from: 0, to: 2020 }],
  ])('reads %s', (text, range) => {
    expect(parseYearRange(text)).toEqual(range);
  });

  it('rejects what is not a year', () => {
    expect(parseYearRange('soon')).toBeUndefined();
    expect(parseYearRange('..')).toBeUndefined();
  });
});
