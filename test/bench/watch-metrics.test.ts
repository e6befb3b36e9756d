import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/seeded-order.ts';
import { averagePrecision, mean, ndcgAt10, splitRelevant } from '../../bench/watch-metrics.ts';

describe('watch-ranking benchmark metrics', () => {
  const gains = new Map([
    ['a', 2],
    ['b', 1],
  ]);

  it('gives nDCG@10 1 for the ideal order and less for another', () => {
    expect(ndcgAt10(['a', 'b', 'x'], gains)).toBeCloseTo(1, 12);
    const swapped = (1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3));
    expect(ndcgAt10(['b', 'a'], gains)).toBeCloseTo(swapped, 12);
    expect(ndcgAt10(['x', 'y'], gains)).toBe(0);
    expect(ndcgAt10(['a'], new Map())).toBe(0);
  });

  it('counts only the first ten for nDCG', () => {
    const late = [...'cdefghijkl'].concat('a');
    expect(ndcgAt10(late, gains)).toBe(0);
  });

  it('averages precision at each relevant paper over all relevant ones', () => {
    expect(averagePrecision(['a', 'x', 'b'], gains)).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(averagePrecision(['a'], gains)).toBeCloseTo(0.5, 12);
  });

  it('splits relevant ids into a profile half (rounded down) and the rest, the same every time', () => {
    const ids = ['d', 'a', 'c', 'b', 'e'];
    const first = splitRelevant(ids, seededRandom('q1'));
    expect(first.profile).toHaveLength(2);
    expect([...first.profile, ...first.heldOut].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(splitRelevant([...ids].reverse(), seededRandom('q1'))).toEqual(first);
  });

  it('means an empty list as 0', () => {
    expect(mean([])).toBe(0);
    expect(mean([1, 2])).toBe(1.5);
  });
});
