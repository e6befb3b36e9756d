import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, DEFAULT_WATCH_MODEL, indexCandidates } from '../../src/index.ts';
import { exampleCosts, profileModel } from '../../src/watch/profile-model.ts';
import { dotDense } from '../../src/watch/sparse-vector.ts';
import { DAY, LONG_CONTEXT_LIBRARY } from './watch-papers.fixture.ts';

const norm = (w: Float64Array): number => Math.sqrt(w.reduce((sum, v) => sum + v * v, 0));

describe('profileModel', () => {
  const day = indexCandidates(DAY);
  const library = LONG_CONTEXT_LIBRARY.map((p) => day.vectorOf(p));
  const examples = { library, liked: [], disliked: [] };

  it('ranks by the blend unless told otherwise', () => {
    expect(DEFAULT_WATCH_MODEL).toBe('blend');
  });

  it('blends the unit directions of the centroid and the SVM at the share given', () => {
    const centroid = profileModel('centroid', day, examples).weights;
    const linear = profileModel('linear', day, examples).weights;
    const linearUnit = linear.map((v) => v / norm(linear));
    for (const share of [0, 0.3, 1]) {
      const blend = profileModel('blend', day, examples, { blendLinearShare: share });
      expect(blend.bias).toBe(0);
      blend.weights.forEach((w, t) => {
        expect(w).toBeCloseTo((1 - share) * (centroid[t] ?? 0) + share * (linearUnit[t] ?? 0), 12);
      });
    }
    expect(norm(centroid)).toBeCloseTo(1, 12);
  });

  it('adds liked papers to the centroid at Rocchio’s β and takes disliked ones away at γ', () => {
    const [a, b] = library;
    const liked = day.vectors[0]!;
    const disliked = day.vectors[1]!;
    const model = profileModel(
      'centroid',
      day,
      { library: [a!, b!], liked: [liked], disliked: [disliked] },
      { centroidLikedWeight: 0.75, centroidNegativeWeight: 0.15 },
    );
    const expected = new Float64Array(model.weights.length);
    const add = (x: typeof liked, scale: number) =>
      x.terms.forEach((t, i) => {
        expected[t] = (expected[t] ?? 0) + scale * (x.values[i] ?? 0);
      });
    add(a!, 0.5);
    add(b!, 0.5);
    add(liked, 0.75);
    add(disliked, -0.15);
    const scale = 1 / norm(expected);
    model.weights.forEach((w, t) => {
      expect(w).toBeCloseTo((expected[t] ?? 0) * scale, 12);
    });
  });

  it('moves the SVM further toward a liked paper the more a liked paper weighs', () => {
    const liked = day.vectors[DAY.findIndex((p) => p.id === 'gan')]!;
    const score = (likedWeight: number) => {
      const model = profileModel(
        'linear',
        day,
        { library, liked: [liked], disliked: [] },
        { likedWeight },
      );
      return dotDense(liked, model.weights) + model.bias;
    };
    expect(score(1)).toBeGreaterThan(score(0.25));
  });
});

describe('exampleCosts', () => {
  const counts = { positives: 4, background: 1396, disliked: 0 };

  it('balances the classes: positives and the day weigh C × all examples / 2 each', () => {
    const { positive, background } = exampleCosts(counts, DEFAULT_TUNING);
    expect(positive * 4).toBeCloseTo((0.01 * 1400) / 2, 12);
    expect(background * 1396).toBeCloseTo((0.01 * 1400) / 2, 12);
  });

  it('gives every example C when the classes are not balanced', () => {
    expect(exampleCosts(counts, { ...DEFAULT_TUNING, linearBalanced: false })).toEqual({
      positive: 0.01,
      background: 0.01,
    });
  });

  it('follows the profile’s size, not the day’s, with a cost per positive', () => {
    const tuning = { ...DEFAULT_TUNING, linearCostPerPositive: 2 };
    const small = exampleCosts({ positives: 4, background: 100, disliked: 0 }, tuning);
    const large = exampleCosts({ positives: 4, background: 2000, disliked: 0 }, tuning);
    expect(small.positive).toBe(2);
    expect(large.positive).toBe(2);
    expect(small.background * 100).toBeCloseTo(8, 12);
    expect(large.background * 2000).toBeCloseTo(8, 12);
  });

  it('does not divide by zero with no positives or no day', () => {
    const costs = exampleCosts({ positives: 0, background: 0, disliked: 0 }, DEFAULT_TUNING);
    expect(Number.isFinite(costs.positive) && Number.isFinite(costs.background)).toBe(true);
  });
});
