/**
 * How hard the fuzz suites push, in one place. Every property runs from a fixed seed so a run
 * can be repeated exactly; fast-check prints the seed and the shrunk counterexample's path when
 * a property fails, and `FUZZ_SEED=<seed> npm run test:fuzz` replays that run.
 *
 * - `FUZZ_SEED`: the seed of every property (default {@link DEFAULT_FUZZ_SEED}).
 * - `FUZZ_SCALE`: multiplies every property's number of runs (default 1; 0.1 for a smoke run,
 *   10 for a long hunt).
 */
import type { Parameters } from 'fast-check';

/** The seed used when `FUZZ_SEED` is not set: any fixed number keeps runs repeatable. */
export const DEFAULT_FUZZ_SEED = 20_260_501;

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got “${raw}”`);
  return value;
}

/** The seed of this run. */
export const FUZZ_SEED = Math.trunc(numberFromEnv('FUZZ_SEED', DEFAULT_FUZZ_SEED));
/** The factor applied to every property's number of runs. */
export const FUZZ_SCALE = numberFromEnv('FUZZ_SCALE', 1);

/**
 * fast-check parameters for a property meant to run `runs` times at scale 1: the run's seed,
 * and the scaled number of runs (at least one).
 */
export function fuzz<T = unknown>(runs: number): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * FUZZ_SCALE)) };
}
