/**
 * Summary statistics of the benchmark: nearest-rank percentiles of latencies, and medians of
 * repeated runs. Pure functions over plain numbers.
 */

/**
 * The nearest-rank percentile `p` (0–100) of values sorted ascending: the smallest value with at
 * least p % of the values at or below it. NaN for no values. With 100 or fewer values, p99 is
 * the largest.
 */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0 || !Number.isFinite(p)) return Number.NaN;
  const rank = Math.max(1, Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sortedAsc.length));
  return sortedAsc[rank - 1] as number;
}

/** The median of values in any order (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Latencies in milliseconds summed up as the report shows them. */
export interface LatencySummary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Count, mean, p50/p95/p99 (nearest rank) and maximum of latencies in any order. */
export function summarizeLatencies(ms: readonly number[]): LatencySummary {
  const sorted = [...ms].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
  };
}

/** Repeated timings of one phase: every run's seconds and their median. */
export interface RepeatedTiming {
  runs: number[];
  median: number;
}

/** Seconds of repeated runs, with their median. */
export function repeated(runs: readonly number[]): RepeatedTiming {
  return { runs: [...runs], median: median(runs) };
}
