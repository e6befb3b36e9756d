/**
 * Timing helpers of the measuring processes: repeated phases within a budget, and per-call
 * latencies after an untimed warm-up.
 */
import { type LatencySummary, type RepeatedTiming, repeated, summarizeLatencies } from './stats.ts';

/** Seconds since `start` (a `performance.now()` reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/**
 * Runs `phase` until it has run `times` times in all (runs already done count, with their
 * seconds in `done`), stopping early once one more run would take the phase past `budgetS`
 * seconds. Returns every run's seconds and their median.
 */
export async function repeatWithin(
  times: number,
  budgetS: number,
  done: readonly number[],
  phase: () => unknown,
): Promise<RepeatedTiming> {
  const runs = [...done];
  const total = (): number => runs.reduce((a, b) => a + b, 0);
  while (runs.length < times) {
    const last = runs[runs.length - 1] ?? 0;
    if (runs.length > 0 && total() + last > budgetS) break;
    const start = performance.now();
    await phase();
    runs.push(secondsSince(start));
  }
  return repeated(runs);
}

/** The slowest of timed calls, slowest first, with their inputs. */
export function slowest<T>(
  inputs: readonly T[],
  ms: readonly number[],
  count: number,
): Array<{ input: T; ms: number }> {
  return inputs
    .map((input, i) => ({ input, ms: ms[i] ?? 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

/** Latencies of calling `call` on each input, after calling it untimed on each warm-up input. */
export function timeEach<T>(
  warm: readonly T[],
  timed: readonly T[],
  call: (input: T) => void,
): { latency: LatencySummary; ms: number[] } {
  for (const input of warm) call(input);
  const ms: number[] = [];
  for (const input of timed) {
    const start = process.hrtime.bigint();
    call(input);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { latency: summarizeLatencies(ms), ms };
}
