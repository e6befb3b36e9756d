import { describe, expect, it } from 'vitest';
import {
  type ClaimOutcome,
  chooseThreshold,
  folds,
  pointAt,
  splitHalves,
  thresholdGrid,
  tradeOffCurve,
} from '../../bench/ask-metrics.ts';

const outcome = (over: Partial<ClaimOutcome>): ClaimOutcome => ({
  id: 'q',
  confidence: 0.8,
  cited: ['d1'],
  relevant: ['d1'],
  confidenceWithout: 0.2,
  evidenceWithout: true,
  ...over,
});

describe('the ask benchmark figures', () => {
  it('count answers citing only relevant papers, any relevant paper, and refusals without them', () => {
    const outcomes = [
      outcome({ id: 'a' }),
      outcome({ id: 'b', cited: ['d1', 'x'] }),
      outcome({ id: 'c', cited: ['x'], confidenceWithout: 0.9 }),
      outcome({ id: 'd', confidence: 0.1 }),
    ];
    expect(pointAt(outcomes, 0.5)).toEqual({
      threshold: 0.5,
      answered: 0.75,
      refusedWithout: 0.75,
      allCitationsRelevant: 1 / 3,
      relevantCited: 2 / 3,
      balanced: 0.75,
    });
  });

  it('choose the threshold with the best balance, the lower one on ties', () => {
    const outcomes = [outcome({ confidence: 0.6, confidenceWithout: 0.3 })];
    const chosen = chooseThreshold(tradeOffCurve(outcomes));
    expect(chosen.threshold).toBe(0.35);
    expect(chosen.balanced).toBe(1);
  });

  it('make a clean grid, stable halves and folds that cover every claim once', () => {
    expect(thresholdGrid(0.25)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const items = Array.from({ length: 50 }, (_, i) => ({ id: String(i) }));
    const [a, b] = splitHalves(items);
    expect(a.length + b.length).toBe(50);
    expect(splitHalves(items)).toEqual([a, b]);
    expect(folds(items, 8).flat().length).toBe(50);
    expect(folds(items, 8).length).toBe(8);
  });
});
