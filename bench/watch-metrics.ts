import { type Random, shuffled } from './seeded-order.ts';

/**
 * The figures of the watch-ranking benchmark: nDCG@10 with graded gains (log2 discount, as the
 * shared scorer computes it) and average precision, of one ranking against the judgments still
 * in play, and the fixed split of a query's relevant papers into a profile and a held-out half.
 */

/** nDCG@10 of ranked ids against gains (gain ≤ 0 or absent: not relevant); 0 when nothing is relevant. */
export function ndcgAt10(ranked: readonly string[], gains: ReadonlyMap<string, number>): number {
  let dcg = 0;
  ranked.slice(0, 10).forEach((id, i) => {
    dcg += Math.max(gains.get(id) ?? 0, 0) / Math.log2(i + 2);
  });
  const ideal = [...gains.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Average precision of ranked ids (relevant: gain > 0), over all relevant ones in `gains`. */
export function averagePrecision(
  ranked: readonly string[],
  gains: ReadonlyMap<string, number>,
): number {
  const relevant = [...gains.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.forEach((id, i) => {
    if ((gains.get(id) ?? 0) > 0) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return sum / relevant;
}

/**
 * A query's relevant ids split in two by a seeded shuffle: `profile` (half, rounded down) and
 * `heldOut` (the rest). The ids are sorted first, so the split depends on the seed and the
 * judgments only, not on the order of the file.
 */
export function splitRelevant(
  relevant: readonly string[],
  random: Random,
): { profile: string[]; heldOut: string[] } {
  const order = shuffled([...relevant].sort(), random);
  const half = Math.floor(order.length / 2);
  return { profile: order.slice(0, half), heldOut: order.slice(half) };
}

/** The mean of numbers (0 for none). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
