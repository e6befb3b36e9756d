/**
 * A sparse vector over a term space: term ids ascending, with their values. Papers are unit
 * vectors, so a dot product of two papers is their cosine.
 */
export interface SparseVector {
  readonly terms: Uint32Array;
  readonly values: Float64Array;
}

/** The unit vector of the given entries (terms ascending); all zeros stays all zeros. */
export function normalize(terms: readonly number[], values: readonly number[]): SparseVector {
  let sum = 0;
  for (const v of values) sum += v * v;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  return { terms: Uint32Array.from(terms), values: Float64Array.from(values, (v) => v * scale) };
}

/** x · w for a dense w. */
export function dotDense(x: SparseVector, w: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.terms.length; i++) sum += (x.values[i] ?? 0) * (w[x.terms[i] ?? 0] ?? 0);
  return sum;
}

/** w += scale · x, in place. */
export function addScaled(w: Float64Array, x: SparseVector, scale: number): void {
  for (let i = 0; i < x.terms.length; i++) {
    const t = x.terms[i] ?? 0;
    w[t] = (w[t] ?? 0) + scale * (x.values[i] ?? 0);
  }
}

/** x · y of two sparse vectors (a merge of their ascending terms). */
export function dotSparse(x: SparseVector, y: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < x.terms.length && j < y.terms.length) {
    const a = x.terms[i] ?? 0;
    const b = y.terms[j] ?? 0;
    if (a === b) sum += (x.values[i++] ?? 0) * (y.values[j++] ?? 0);
    else if (a < b) i++;
    else j++;
  }
  return sum;
}
