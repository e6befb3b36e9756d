/**
 * Whether memory stays flat: the least-squares slope of samples over time (MiB per minute),
 * with start, end and maximum, after a warm-up that is left out (caches filling, JIT).
 */

/** One sample: minutes since the soak began, and a value in MiB. */
export interface Point {
  minute: number;
  mb: number;
}

export interface Trend {
  /** Samples the figures are computed from (those after the warm-up). */
  samples: number;
  startMB: number;
  endMB: number;
  maxMB: number;
  /** Least-squares slope, MiB per minute; NaN with fewer than two samples. */
  slopeMBPerMinute: number;
}

/** The least-squares slope of `points` (MiB per minute). */
export function slope(points: readonly Point[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.minute, 0) / n;
  const my = points.reduce((s, p) => s + p.mb, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.minute - mx) * (p.mb - my);
    sxx += (p.minute - mx) ** 2;
  }
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

/** The trend of the samples taken at or after `fromMinute`. */
export function trend(points: readonly Point[], fromMinute: number): Trend {
  const kept = points.filter((p) => p.minute >= fromMinute);
  return {
    samples: kept.length,
    startMB: kept[0]?.mb ?? Number.NaN,
    endMB: kept[kept.length - 1]?.mb ?? Number.NaN,
    maxMB: kept.length > 0 ? Math.max(...kept.map((p) => p.mb)) : Number.NaN,
    slopeMBPerMinute: slope(kept),
  };
}
