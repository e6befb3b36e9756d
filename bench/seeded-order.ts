/**
 * Seeded randomness for the benchmark, so that the same seed times the same queries in the same
 * order on every run and every machine.
 */

/** A source of numbers in [0, 1). */
export type Random = () => number;

/**
 * A small deterministic generator (SplitMix32) seeded by a string; good enough to sample and
 * shuffle, not for anything secret.
 */
export function seededRandom(seed: string): Random {
  let state = 0x9e3779b9;
  for (let i = 0; i < seed.length; i++) {
    state = Math.imul(state ^ seed.charCodeAt(i), 0x85ebca6b);
    state ^= state >>> 13;
  }
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates with the given source). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
