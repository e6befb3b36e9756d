/**
 * The figures of `npm run bench:ask`, as pure functions over per-claim outcomes: how often an
 * answer cites only relevant papers, how often it cites at least one, and the refusal
 * trade-off — at each threshold, the share of answerable claims answered (full collection)
 * against the share refused once their relevant papers are removed.
 */

/** What one claim's ask gave, independent of the threshold. */
export interface ClaimOutcome {
  id: string;
  /** Confidence of the ask on the full collection. */
  confidence: number;
  /** Papers cited on the full collection (empty when no sentence was evidence). */
  cited: string[];
  /** The claim's relevant papers (qrels). */
  relevant: string[];
  /** Confidence of the ask once the relevant papers are out of the collection. */
  confidenceWithout: number;
  /** Whether any evidence was found then. */
  evidenceWithout: boolean;
}

/** The figures at one threshold. */
export interface ThresholdPoint {
  threshold: number;
  /** Share of claims answered on the full collection. */
  answered: number;
  /** Share of claims refused with their relevant papers removed. */
  refusedWithout: number;
  /** Among answered claims: share whose citations are all relevant. */
  allCitationsRelevant: number;
  /** Among answered claims: share citing at least one relevant paper. */
  relevantCited: number;
  /** Mean of `answered` and `refusedWithout`: the balance the threshold is chosen by. */
  balanced: number;
}

/** Whether an ask with this confidence and evidence is answered at `threshold`. */
export function isAnswered(confidence: number, hasEvidence: boolean, threshold: number): boolean {
  return hasEvidence && confidence >= threshold;
}

/** The figures at one threshold over some claims. */
export function pointAt(outcomes: readonly ClaimOutcome[], threshold: number): ThresholdPoint {
  let answered = 0;
  let refusedWithout = 0;
  let allRelevant = 0;
  let someRelevant = 0;
  for (const o of outcomes) {
    const relevant = new Set(o.relevant);
    if (isAnswered(o.confidence, o.cited.length > 0, threshold)) {
      answered++;
      if (o.cited.every((id) => relevant.has(id))) allRelevant++;
      if (o.cited.some((id) => relevant.has(id))) someRelevant++;
    }
    if (!isAnswered(o.confidenceWithout, o.evidenceWithout, threshold)) refusedWithout++;
  }
  const n = outcomes.length || 1;
  const share = (k: number, of: number): number => (of === 0 ? 0 : k / of);
  return {
    threshold,
    answered: answered / n,
    refusedWithout: refusedWithout / n,
    allCitationsRelevant: share(allRelevant, answered),
    relevantCited: share(someRelevant, answered),
    balanced: (answered + refusedWithout) / (2 * n),
  };
}

/** Thresholds from 0 to 1 in steps of `step`, rounded to avoid 0.30000000000000004. */
export function thresholdGrid(step = 0.05): number[] {
  const out: number[] = [];
  for (let i = 0; i * step <= 1 + 1e-9; i++) out.push(Math.round(i * step * 1000) / 1000);
  return out;
}

/** The trade-off curve: the figures at every threshold of the grid. */
export function tradeOffCurve(
  outcomes: readonly ClaimOutcome[],
  grid: readonly number[] = thresholdGrid(),
): ThresholdPoint[] {
  return grid.map((t) => pointAt(outcomes, t));
}

/**
 * The threshold with the best balance of answering and refusing (ties: the lower threshold,
 * which answers more). Chosen on one set of claims, to be reported on another.
 */
export function chooseThreshold(curve: readonly ThresholdPoint[]): ThresholdPoint {
  let best = curve[0];
  if (best === undefined) throw new Error('an empty curve has no threshold to choose');
  for (const point of curve) if (point.balanced > best.balanced + 1e-12) best = point;
  return best;
}

/** Claims split in two halves by the parity of a stable hash of their id (calibrate, test). */
export function splitHalves<T extends { id: string }>(items: readonly T[]): [T[], T[]] {
  const a: T[] = [];
  const b: T[] = [];
  for (const item of items) (hashOf(item.id) % 2 === 0 ? a : b).push(item);
  return [a, b];
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Claims dealt into `count` groups: each group's relevant papers come out of the collection together. */
export function folds<T>(items: readonly T[], count: number): T[][] {
  const k = Math.max(1, Math.min(count, items.length));
  const out: T[][] = Array.from({ length: k }, () => []);
  items.forEach((item, i) => {
    out[i % k]!.push(item);
  });
  return out.filter((fold) => fold.length > 0);
}
