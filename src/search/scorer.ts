import type { InvertedIndex } from './inverted-index.ts';
import { createScoreBuffers, type ScoreBuffers } from './score-buffers.ts';

/** A query term with the factor its idf is multiplied by (1 for a plain query word). */
export interface WeightedTerm {
  term: number;
  weight: number;
}

/** Scored documents: parallel arrays, unsorted. */
export interface ScoredDocs {
  docs: Uint32Array;
  scores: Float64Array;
  count: number;
}

/** Document numbers with their scores, best first. */
export interface RankedDocs {
  docs: number[];
  scores: number[];
  /** How many documents matched (after filters). */
  total: number;
}

/**
 * Adds `idf` × weight of the postings [from, to) — their documents and saturated weights — to
 * a query's scores, skipping documents flagged 1 in `removed`; returns the new count of
 * documents touched. The one loop every query runs, for a built index and for both segments of
 * a growing one: a whole posting list per call, nothing called per posting.
 */
export function addPostings(
  buffers: ScoreBuffers,
  count: number,
  docs: Uint32Array,
  weights: Float32Array,
  from: number,
  to: number,
  idf: number,
  removed?: Uint8Array,
): number {
  const { scores, stamp, touched, generation } = buffers;
  let touchedCount = count;
  for (let i = from; i < to; i++) {
    const doc = docs[i] ?? 0;
    if (removed !== undefined && removed[doc] === 1) continue;
    const contribution = idf * (weights[i] ?? 0);
    if (stamp[doc] !== generation) {
      stamp[doc] = generation;
      scores[doc] = contribution;
      touched[touchedCount++] = doc;
    } else {
      scores[doc] = (scores[doc] ?? 0) + contribution;
    }
  }
  return touchedCount;
}

/**
 * Accumulates BM25F scores over the postings of a query's terms into buffers allocated once
 * per index: a query touches only the documents that contain its terms, and allocates nothing
 * in proportion to the corpus.
 */
export function createScorer(index: InvertedIndex) {
  const buffers = createScoreBuffers();

  /** Sums the terms' contributions; the result's arrays are valid until the next call. */
  function accumulate(terms: readonly WeightedTerm[]): ScoredDocs {
    const current = buffers.start(index.docCount);
    let count = 0;
    for (const { term, weight } of terms) {
      const idf = (index.idf[term] ?? 0) * weight;
      const from = index.offsets[term] ?? 0;
      const to = index.offsets[term + 1] ?? 0;
      count = addPostings(current, count, index.docs, index.weights, from, to, idf);
    }
    return { docs: current.touched, scores: current.scores, count };
  }

  return { accumulate };
}

/** A query's score accumulator over one index. */
export type Scorer = ReturnType<typeof createScorer>;

/**
 * The best `k` of the scored documents that pass `accept`, best first (ties by document
 * number, so results are deterministic), and how many passed in all. `verify`, a costly check,
 * runs only on documents good enough to enter the best k (the total counts `accept` alone).
 */
export function topK(
  scored: ScoredDocs,
  k: number,
  accept?: (doc: number) => boolean,
  verify?: (doc: number) => boolean,
): RankedDocs {
  // A min-heap of the k best so far, root = the worst of them.
  const heapDocs: number[] = [];
  const heapScores: number[] = [];
  let total = 0;
  const worse = (i: number, j: number): boolean => {
    const si = heapScores[i] ?? 0;
    const sj = heapScores[j] ?? 0;
    return si < sj || (si === sj && (heapDocs[i] ?? 0) > (heapDocs[j] ?? 0));
  };
  const swap = (i: number, j: number): void => {
    [heapDocs[i], heapDocs[j]] = [heapDocs[j] ?? 0, heapDocs[i] ?? 0];
    [heapScores[i], heapScores[j]] = [heapScores[j] ?? 0, heapScores[i] ?? 0];
  };
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapDocs.length && worse(l, m)) m = l;
      if (r < heapDocs.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let i = 0; i < scored.count; i++) {
    const doc = scored.docs[i] ?? 0;
    if (accept && !accept(doc)) continue;
    total++;
    if (k <= 0) continue;
    const score = scored.scores[doc] ?? 0;
    if (heapDocs.length < k) {
      if (verify && !verify(doc)) continue;
      heapDocs.push(doc);
      heapScores.push(score);
      let c = heapDocs.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else {
      const rootScore = heapScores[0] ?? 0;
      const rootDoc = heapDocs[0] ?? 0;
      if (
        (score > rootScore || (score === rootScore && doc < rootDoc)) &&
        (!verify || verify(doc))
      ) {
        heapDocs[0] = doc;
        heapScores[0] = score;
        siftDown(0);
      }
    }
  }
  const order = heapDocs.map((_, i) => i);
  order.sort((a, b) => {
    const d = (heapScores[b] ?? 0) - (heapScores[a] ?? 0);
    return d !== 0 ? d : (heapDocs[a] ?? 0) - (heapDocs[b] ?? 0);
  });
  return {
    docs: order.map((i) => heapDocs[i] ?? 0),
    scores: order.map((i) => heapScores[i] ?? 0),
    total,
  };
}

/**
 * The documents in every one of the posting lists (each ascending), by merging them from the
 * shortest; documents flagged 1 in `removed` are left out.
 */
export function intersectPostings(
  lists: readonly Uint32Array[],
  removed?: Uint8Array,
): Set<number> {
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  const out = new Set<number>();
  if (!shortest) return out;
  const cursors = rest.map(() => 0);
  outer: for (const doc of shortest) {
    if (removed !== undefined && removed[doc] === 1) continue;
    for (let i = 0; i < rest.length; i++) {
      const list = rest[i] as Uint32Array;
      let at = cursors[i] ?? 0;
      while (at < list.length && (list[at] ?? 0) < doc) at++;
      cursors[i] = at;
      if (list[at] !== doc) continue outer;
    }
    out.add(doc);
  }
  return out;
}
