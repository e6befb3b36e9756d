import type { SparseVector } from './sparse-vector.ts';

/**
 * For each candidate, the profile paper it is closest to (cosine of their unit vectors): the
 * "close to your Megalodon" of an explanation. The profile's vectors are inverted once, so a
 * candidate costs the postings of its own terms in the profile, not one product per paper.
 */
export interface Nearest {
  /** Position of the profile paper in the list given. */
  at: number;
  cosine: number;
}

/** A function giving each candidate vector's nearest profile vector (undefined: none shares a term). */
export function nearestProfilePaper(
  profile: readonly SparseVector[],
): (x: SparseVector) => Nearest | undefined {
  const postings = new Map<number, Array<{ at: number; value: number }>>();
  profile.forEach((vector, at) => {
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i] ?? 0;
      const entry = { at, value: vector.values[i] ?? 0 };
      const list = postings.get(term);
      if (list) list.push(entry);
      else postings.set(term, [entry]);
    }
  });
  const sums = new Float64Array(profile.length);
  return (x) => {
    sums.fill(0);
    for (let i = 0; i < x.terms.length; i++) {
      const list = postings.get(x.terms[i] ?? 0);
      if (!list) continue;
      const value = x.values[i] ?? 0;
      for (const entry of list) sums[entry.at] = (sums[entry.at] ?? 0) + value * entry.value;
    }
    let best: Nearest | undefined;
    sums.forEach((cosine, at) => {
      if (cosine > 0 && (!best || cosine > best.cosine)) best = { at, cosine };
    });
    return best;
  };
}
