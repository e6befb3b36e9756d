import { describe, expect, it } from 'vitest';
import { createEngine, type Paper } from '../../src/index.ts';

const papers: Paper[] = ['a', 'b', 'c', 'd'].map((id) => ({
  id,
  title: `Paper ${id.toUpperCase()}`,
  abstract: `A study of topic ${id}.`,
  authors: ['Ada Lovelace'],
}));

describe('engine.daily', () => {
  const engine = createEngine(papers);

  it('shows each paper once over four days, the same on every call', () => {
    const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'];
    const ids = dates.map((date) => engine.daily(date).id);
    expect(new Set(ids).size).toBe(4);
    expect(dates.map((date) => engine.daily(date).id)).toEqual(ids);
  });

  it('answers a bad date with BAD_DATE', () => {
    expect(() => engine.daily('2024-02-30')).toThrow(expect.objectContaining({ code: 'BAD_DATE' }));
  });
});
