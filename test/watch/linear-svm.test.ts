import { describe, expect, it } from 'vitest';
import { trainLinearSvm } from '../../src/watch/linear-svm.ts';
import { dotDense, normalize } from '../../src/watch/sparse-vector.ts';

const vector = (entries: Record<number, number>) => {
  const terms = Object.keys(entries)
    .map(Number)
    .sort((a, b) => a - b);
  return normalize(
    terms,
    terms.map((t) => entries[t] ?? 0),
  );
};

describe('trainLinearSvm', () => {
  // Term 0 marks the positives, term 1 the negatives, term 2 is shared noise.
  const positives = [vector({ 0: 1, 2: 0.3 }), vector({ 0: 0.8, 2: 0.5 }), vector({ 0: 1 })];
  const negatives = [vector({ 1: 1, 2: 0.3 }), vector({ 1: 0.7, 2: 0.6 }), vector({ 1: 1 })];
  const examples = [
    ...positives.map((x) => ({ x, label: 1 as const, cost: 10 })),
    ...negatives.map((x) => ({ x, label: -1 as const, cost: 10 })),
  ];

  it('separates separable examples: positives score above 0, negatives below', () => {
    const model = trainLinearSvm(examples, { dimensions: 3 });
    for (const x of positives) expect(dotDense(x, model.weights) + model.bias).toBeGreaterThan(0);
    for (const x of negatives) expect(dotDense(x, model.weights) + model.bias).toBeLessThan(0);
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    expect(model.passes).toBeLessThan(200);
  });

  it('meets the dual optimum: the margins of a squared hinge at a large C are near 1', () => {
    const model = trainLinearSvm(examples, { dimensions: 3, tolerance: 1e-6, maxPasses: 10_000 });
    const margins = examples.map((e) => e.label * (dotDense(e.x, model.weights) + model.bias));
    // With C large the solution approaches the hard-margin one: the closest points sit at 1.
    expect(Math.min(...margins)).toBeGreaterThan(0.9);
    expect(Math.min(...margins)).toBeLessThan(1.01);
  });

  it('shrinks the weights as C falls (regularisation)', () => {
    const strong = trainLinearSvm(examples, { dimensions: 3 });
    const weak = trainLinearSvm(
      examples.map((e) => ({ ...e, cost: 0.01 })),
      { dimensions: 3 },
    );
    expect(Math.abs(weak.weights[0] ?? 0)).toBeLessThan(Math.abs(strong.weights[0] ?? 0));
  });

  it('leans toward the class that costs more', () => {
    const shared = vector({ 2: 1 });
    const tie = [
      { x: shared, label: 1 as const, cost: 1 },
      { x: shared, label: -1 as const, cost: 1 },
    ];
    const positive = trainLinearSvm([tie[0]!, { ...tie[1]!, cost: 0.1 }], { dimensions: 3 });
    expect(dotDense(shared, positive.weights) + positive.bias).toBeGreaterThan(0);
  });

  it('is deterministic and gives a zero model for no examples', () => {
    const a = trainLinearSvm(examples, { dimensions: 3 });
    const b = trainLinearSvm(examples, { dimensions: 3 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
    const none = trainLinearSvm([], { dimensions: 3 });
    expect(Array.from(none.weights)).toEqual([0, 0, 0]);
    expect(none.bias).toBe(0);
  });
});
