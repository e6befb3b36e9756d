/**
 * Score accumulators for an index whose documents grow in number: the buffers of
 * `createScorer`, made larger (doubling) when the documents outgrow them, and reused across
 * queries so that a query allocates nothing in proportion to the corpus. A document's score is
 * current when its stamp equals the query's generation.
 */
export interface ScoreBuffers {
  scores: Float64Array;
  stamp: Uint32Array;
  /** Documents scored, in the order first touched. */
  touched: Uint32Array;
  generation: number;
}

/** Buffers for queries; `start` begins one over documents numbered below `docCount`. */
export function createScoreBuffers() {
  const buffers: ScoreBuffers = {
    scores: new Float64Array(0),
    stamp: new Uint32Array(0),
    touched: new Uint32Array(0),
    generation: 0,
  };
  return {
    start(docCount: number): ScoreBuffers {
      if (docCount > buffers.scores.length) {
        const size = Math.max(docCount, buffers.scores.length * 2, 1024);
        buffers.scores = new Float64Array(size);
        buffers.stamp = new Uint32Array(size);
        buffers.touched = new Uint32Array(size);
        buffers.generation = 0;
      }
      buffers.generation++;
      if (buffers.generation === 0xffffffff) {
        buffers.stamp.fill(0);
        buffers.generation = 1;
      }
      return buffers;
    },
  };
}
