import type { ScoredDocs } from './scorer.ts';

/**
 * Score accumulators for an index whose documents grow in number: the buffers of
 * `createScorer`, made larger (doubling) when the documents outgrow them, and reused across
 * queries so that a query allocates nothing in proportion to the corpus.
 */
export function createScoreBuffers() {
  let scores = new Float64Array(0);
  let stamp = new Uint32Array(0);
  let touched = new Uint32Array(0);
  let generation = 0;
  let count = 0;

  const scoring = {
    /** Adds a contribution to a document's score. */
    add(doc: number, contribution: number): void {
      if (stamp[doc] !== generation) {
        stamp[doc] = generation;
        scores[doc] = contribution;
        touched[count++] = doc;
      } else {
        scores[doc] = (scores[doc] ?? 0) + contribution;
      }
    },
    /** The scored documents; valid until the next `start`. */
    result: (): ScoredDocs => ({ docs: touched, scores, count }),
  };

  return {
    /** Starts a query over documents numbered below `docCount`. */
    start(docCount: number): typeof scoring {
      if (docCount > scores.length) {
        const size = Math.max(docCount, scores.length * 2, 1024);
        scores = new Float64Array(size);
        stamp = new Uint32Array(size);
        touched = new Uint32Array(size);
        generation = 0;
      }
      generation++;
      if (generation === 0xffffffff) {
        stamp.fill(0);
        generation = 1;
      }
      count = 0;
      return scoring;
    },
  };
}
