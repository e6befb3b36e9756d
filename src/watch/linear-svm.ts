import { addScaled, dotDense, type SparseVector } from './sparse-vector.ts';

/**
 * A linear support vector machine (L2-regularised, squared hinge loss) trained by dual
 * coordinate descent — LIBLINEAR's default solver (Hsieh et al., ICML 2008), the one behind
 * scikit-learn's LinearSVC that arxiv-sanity trains per tag. The dual needs no step size and
 * converges in a few dozen passes on sparse text vectors. The bias is a constant feature, as
 * LIBLINEAR's `-B`, and so is regularised like the weights. No npm package for Node does this
 * (the ones there are bindings to native code or unmaintained), and it is thirty lines.
 */

export interface SvmExample {
  x: SparseVector;
  label: 1 | -1;
  /** This example's C: how much a margin violation costs (class weights go here). */
  cost: number;
}

export interface SvmOptions {
  /** Size of the weight vector (the largest term id + 1). */
  dimensions: number;
  /** Value of the constant bias feature (LIBLINEAR's -B). */
  bias?: number;
  /** Stop when the projected gradient's spread falls below this (LIBLINEAR's -e). */
  tolerance?: number;
  /** Passes over the examples at most. */
  maxPasses?: number;
  /** Seed of the order examples are visited in each pass (a fixed seed: same data, same model). */
  seed?: number;
}

export interface SvmModel {
  weights: Float64Array;
  bias: number;
  /** Passes made (maxPasses when it did not converge). */
  passes: number;
}

export const DEFAULT_SVM_OPTIONS = { bias: 1, tolerance: 0.01, maxPasses: 200, seed: 1 } as const;

/** Trains the separating hyperplane; its decision value is `w · x + bias`. */
export function trainLinearSvm(examples: readonly SvmExample[], options: SvmOptions): SvmModel {
  const { bias, tolerance, maxPasses, seed } = { ...DEFAULT_SVM_OPTIONS, ...options };
  const n = examples.length;
  const w = new Float64Array(options.dimensions);
  let wBias = 0;
  const alpha = new Float64Array(n);
  // Squared hinge: the dual's diagonal grows by 1 / (2C) and alpha has no upper bound.
  const diagonal = Float64Array.from(examples, (e) => 0.5 / e.cost);
  const qd = Float64Array.from(examples, (e, i) => {
    let sq = bias * bias;
    for (const v of e.x.values) sq += v * v;
    return sq + (diagonal[i] ?? 0);
  });
  const order = Array.from({ length: n }, (_, i) => i);
  const random = mulberry32(seed);
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    shuffle(order, random);
    let maxPg = Number.NEGATIVE_INFINITY;
    let minPg = Number.POSITIVE_INFINITY;
    for (const i of order) {
      const { x, label } = examples[i] as SvmExample;
      const a = alpha[i] ?? 0;
      const g = label * (dotDense(x, w) + wBias * bias) - 1 + (diagonal[i] ?? 0) * a;
      const pg = a === 0 ? Math.min(g, 0) : g;
      maxPg = Math.max(maxPg, pg);
      minPg = Math.min(minPg, pg);
      if (Math.abs(pg) < 1e-12) continue;
      const next = Math.max(a - g / (qd[i] ?? 1), 0);
      alpha[i] = next;
      const step = (next - a) * label;
      addScaled(w, x, step);
      wBias += step * bias;
    }
    if (n === 0 || maxPg - minPg <= tolerance) break;
  }
  return { weights: w, bias: wBias * bias, passes };
}

/** A small seeded generator: the visiting order is part of the model, so it must repeat. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
}
