import type { BuiltSegment } from './inverted-index.ts';
import type { LiveStatistics } from './live-statistics.ts';
import type { FieldFrequencies } from './term-frequencies.ts';

/**
 * The large, merged segment of a growing index: a built index's postings with their saturated
 * weights and the raw field frequencies behind them. The weights hold for the statistics they
 * were computed under; once papers are added or removed, a term's weights are computed again
 * from its frequencies the first time a query reads it, and kept until the next change, so a
 * steady index costs what a built one does.
 */
export interface MainSegment {
  /** Every document numbered below was merged (or had been removed before the merge). */
  upTo: number;
  /** Terms numbered below have postings here. */
  termCount: number;
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Each posting's packed field frequencies, and those too large to pack by posting number. */
  frequencies: Uint32Array;
  overflow: ReadonlyMap<number, FieldFrequencies>;
  /** Each posting's weight, valid for a term once `weightsFor` has been called for it. */
  weights: Float32Array;
  /** The weights of a term's postings, computed under the current statistics. */
  weightsFor(term: number, stats: LiveStatistics): Float32Array;
}

/** The main segment of a build over every paper numbered below `upTo`, under `version`. */
export function createMainSegment(built: BuiltSegment, upTo: number, version: number): MainSegment {
  const { offsets, docs, weights } = built.index;
  const { frequencies, overflow } = built;
  const termCount = offsets.length - 1;
  const validFor = new Uint32Array(termCount).fill(version);
  const exactOf = (posting: number) => overflow.get(posting);

  return {
    upTo,
    termCount,
    offsets,
    docs,
    frequencies,
    overflow,
    weights,
    weightsFor(term, stats) {
      if (validFor[term] !== stats.version) {
        const from = offsets[term] ?? 0;
        const to = offsets[term + 1] ?? 0;
        stats.saturate(docs, frequencies, from, to, weights, exactOf);
        validFor[term] = stats.version;
      }
      return weights;
    },
  };
}
