import type { Bm25fParams, BuiltSegment } from './inverted-index.ts';
import { FIELD_COUNT, type SeedVocabulary } from './inverted-index.ts';
import type { LiveStatistics } from './live-statistics.ts';
import type { MainSegment } from './main-segment.ts';
import type { FieldFrequencies } from './term-frequencies.ts';

/**
 * What a snapshot keeps of a growing index: its main segment with the postings of removed
 * papers left out and the rest numbered by their place among the live papers, as a build over
 * those papers would number them. The papers added since the last merge are not in it: the
 * loader adds them again (which is what a merge would have given, without the wait).
 */
export interface SegmentSnapshot {
  /** The first this many live papers, in order, are those of `segment`; the rest are added again. */
  papers: number;
  segment: BuiltSegment;
  /** Whether term ids are still numbered as a fresh build would number them. */
  termsInBuildOrder: boolean;
}

/**
 * The main segment's live papers as a built segment. With `refresh` (no live paper outside the
 * main segment) every weight is first brought up to date, so the snapshot's weights are those
 * of a fresh build; otherwise the loader's adds make them be computed again anyway.
 */
export function compactMainSegment(
  main: MainSegment,
  isLive: (doc: number) => boolean,
  stats: LiveStatistics,
  vocabulary: SeedVocabulary,
  params: Bm25fParams,
  refresh: boolean,
): { papers: number; segment: BuiltSegment } {
  const upTo = main.upTo;
  const rank = new Int32Array(upTo).fill(-1);
  let papers = 0;
  for (let doc = 0; doc < upTo; doc++) if (isLive(doc)) rank[doc] = papers++;
  if (refresh) {
    for (let term = 0; term < main.termCount; term++) {
      if (stats.frequency(term) > 0) main.weightsFor(term, stats);
    }
  }
  const allLengths = stats.lengths();
  const lengths = new Float64Array(papers * FIELD_COUNT);
  for (let doc = 0; doc < upTo; doc++) {
    const at = rank[doc] ?? -1;
    if (at < 0) continue;
    lengths.set(allLengths.subarray(doc * FIELD_COUNT, (doc + 1) * FIELD_COUNT), at * FIELD_COUNT);
  }
  const index = (offsets: Uint32Array, docs: Uint32Array, weights: Float32Array) => ({
    docCount: papers,
    termIds: vocabulary.termIds as Map<string, number>,
    terms: vocabulary.terms as string[],
    offsets,
    docs,
    weights,
    params,
  });
  if (papers === upTo) {
    // Nothing removed below the segment's end: its arrays are the snapshot's as they are.
    return {
      papers,
      segment: {
        index: index(main.offsets, main.docs, main.weights),
        frequencies: main.frequencies,
        overflow: new Map(main.overflow),
        lengths,
      },
    };
  }
  const termCount = main.termCount;
  const offsets = new Uint32Array(termCount + 1);
  let kept = 0;
  for (let term = 0; term < termCount; term++) {
    const end = main.offsets[term + 1] ?? 0;
    for (let i = main.offsets[term] ?? 0; i < end; i++) {
      if ((rank[main.docs[i] ?? 0] ?? -1) >= 0) kept++;
    }
    offsets[term + 1] = kept;
  }
  const docs = new Uint32Array(kept);
  const weights = new Float32Array(kept);
  const frequencies = new Uint32Array(kept);
  const overflow = new Map<number, FieldFrequencies>();
  let at = 0;
  const postings = main.offsets[termCount] ?? 0;
  for (let i = 0; i < postings; i++) {
    const to = rank[main.docs[i] ?? 0] ?? -1;
    if (to < 0) continue;
    docs[at] = to;
    weights[at] = main.weights[i] ?? 0;
    frequencies[at] = main.frequencies[i] ?? 0;
    const exact = main.overflow.get(i);
    if (exact) overflow.set(at, exact);
    at++;
  }
  return {
    papers,
    segment: { index: index(offsets, docs, weights), frequencies, overflow, lengths },
  };
}
