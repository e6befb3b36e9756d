import { createDeltaSegment, deltaWeights } from './delta-segment.ts';
import {
  analyzeFields,
  type Bm25fParams,
  type BuiltSegment,
  buildSegmentSteps,
  DEFAULT_BM25F,
  type IndexedFields,
} from './inverted-index.ts';
import type { Lexicon } from './lexicon.ts';
import { createLiveSet, type LiveSet } from './live-set.ts';
import { createLiveStatistics } from './live-statistics.ts';
import { createMainSegment, type MainSegment } from './main-segment.ts';
import { createVocabulary, type Vocabulary } from './query-terms.ts';
import { createScoreBuffers } from './score-buffers.ts';
import { addPostings, intersectPostings, type ScoredDocs, type WeightedTerm } from './scorer.ts';
import { compactMainSegment, type SegmentSnapshot } from './segment-snapshot.ts';
import type { FieldFrequencies } from './term-frequencies.ts';
import { createTermOrder } from './term-order.ts';

/**
 * An index that grows without a rebuild. Papers added after the build go to a small second
 * segment (`delta-segment.ts`); removed papers are hidden at once by a live set; the corpus
 * statistics (papers, document frequencies, average field lengths) are kept exact over the live
 * papers, and every weight is computed under them, so scores equal those of an index built
 * afresh over the same papers in the same order. A merge rebuilds the postings of everything in
 * steps, off the hot path, and swaps them in at once. Document numbers never change: a removed
 * paper's number stays unused, an added paper takes the next one.
 */
export interface GrowingIndex<T extends IndexedFields = IndexedFields> {
  readonly params: Bm25fParams;
  /** Terms, frequencies and idf over the live papers, for `queryTerms` and feedback. */
  readonly lexicon: Lexicon;
  /** Prefix and typo look-ups over the live vocabulary. */
  readonly vocabulary: Vocabulary;
  /** Which document numbers are live. */
  readonly live: Pick<LiveSet, 'isLive' | 'size' | 'removedCount'>;
  /** Document numbers in use, live or removed (the next paper added takes this one). */
  readonly docCount: number;
  /** Live papers. */
  readonly liveCount: number;
  /** The paper of a document number (removed ones too), or undefined. */
  document(doc: number): T | undefined;
  /** Live document numbers, ascending. */
  liveDocs(): Generator<number, void, void>;
  /** Indexes papers; they are searchable when this returns. Returns their document numbers. */
  addPapers(papers: readonly T[]): number[];
  /** Hides papers at once; returns how many were live. */
  removePapers(docs: readonly number[]): number;
  /** BM25F scores of the live papers holding any of the terms (as `createScorer`'s). */
  accumulate(terms: readonly WeightedTerm[]): ScoredDocs;
  /** Live papers holding every one of the terms. */
  docsWithAll(terms: readonly number[]): Set<number>;
  /** Whether enough has changed since the last merge for another to pay. */
  needsMerge(): boolean;
  /** Merges in steps, awaiting `pause` between them; one merge at a time (a second call joins it). */
  merge(options?: MergeOptions): Promise<void>;
  /** The same merge as a generator of steps, for callers that schedule it themselves. */
  mergeSteps(): Generator<number, void, void>;
  /** Sizes, for figures and merge policies. */
  segments(): SegmentSizes;
  /** The live papers' postings for a snapshot (see `segment-snapshot.ts`). */
  snapshotSegment(): SegmentSnapshot;
}

export interface GrowingOptions {
  /**
   * Whether the built segment's term ids are numbered as a fresh build over its papers numbers
   * them (true for a build; a snapshot says). Ties between equally weighted terms are then
   * broken by id, without looking at the papers.
   */
  termsInBuildOrder?: boolean;
}

export interface MergeOptions {
  /** Awaited between steps so that other work runs, e.g. `() => new Promise(setImmediate)`. */
  pause?: () => Promise<void>;
}

export interface SegmentSizes {
  /** Papers merged into the main segment (removed ones included until the next merge). */
  main: number;
  /** Papers added since the last merge. */
  delta: number;
  /** Removed papers whose postings are still in a segment. */
  removedInSegments: number;
  merging: boolean;
}

/** A merge pays once the papers added since the last one reach this share of the main segment… */
export const MERGE_DELTA_SHARE = 0.1;
/** …or this many, whichever is larger… */
export const MERGE_DELTA_MIN = 2000;
/** …or removed papers still in the segments reach this share of them. */
export const MERGE_REMOVED_SHARE = 0.1;
/** Postings renumbered between two pauses of a merge. */
export const MERGE_STEP = 200_000;

/** A growing index over papers, built at once. */
export function createGrowingIndex<T extends IndexedFields>(
  papers: readonly T[],
  params: Bm25fParams = DEFAULT_BM25F,
): GrowingIndex<T> {
  const steps = growingIndexSteps(papers, params);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same build in steps (see `buildIndexSteps`). */
export function* growingIndexSteps<T extends IndexedFields>(
  papers: readonly T[],
  params: Bm25fParams = DEFAULT_BM25F,
): Generator<number, GrowingIndex<T>, void> {
  const built = yield* buildSegmentSteps(papers, params);
  return growingIndexFrom(built, papers);
}

/** A growing index over a built segment and the papers it was built from, in order. */
export function growingIndexFrom<T extends IndexedFields>(
  built: BuiltSegment,
  papers: readonly T[],
  options: GrowingOptions = {},
): GrowingIndex<T> {
  const { params, termIds, terms } = built.index;
  const documents: T[] = [...papers];
  const live = createLiveSet(documents.length);
  const stats = createLiveStatistics(params, {
    docCount: documents.length,
    lengths: built.lengths,
    frequencies: frequenciesOf(built.index.offsets),
  });
  let main: MainSegment = createMainSegment(built, documents.length, stats.version);
  const delta = createDeltaSegment();
  const buffers = createScoreBuffers();
  let removedInSegments = 0;
  let merging = false;
  let running: Promise<void> | undefined;
  // Term ids follow a fresh build's numbering (first occurrence) until a paper is removed: adds
  // number their new terms in the order a build over the same papers would.
  let termsInBuildOrder = options.termsInBuildOrder ?? true;
  const termOrder = createTermOrder({
    firstLiveDoc,
    termsOf(doc) {
      const paper = documents[doc];
      return paper
        ? analyzeFields(paper)
            .flat()
            .map((term) => termIds.get(term))
        : [];
    },
  });

  const lexicon: Lexicon = {
    idOf(term) {
      const id = termIds.get(term);
      return id !== undefined && stats.frequency(id) > 0 ? id : undefined;
    },
    terms,
    frequency: (id) => stats.frequency(id),
    idf: (id) => stats.idf(id),
    compare: (a, b) => (termsInBuildOrder ? a - b : termOrder(a, b)),
  };
  const vocabulary = createVocabulary(lexicon);

  /** A paper's distinct term ids with their field frequencies; new terms are numbered. */
  function termsOf(paper: IndexedFields, numberNew: boolean) {
    const fields = analyzeFields(paper);
    const counts = new Map<number, FieldFrequencies>();
    fields.forEach((fieldTerms, f) => {
      for (const term of fieldTerms) {
        let id = termIds.get(term);
        if (id === undefined) {
          if (!numberNew) continue;
          id = terms.length;
          termIds.set(term, id);
          terms.push(term);
          vocabulary.add(term, id);
        }
        let entry = counts.get(id);
        if (!entry) {
          entry = [0, 0, 0];
          counts.set(id, entry);
        }
        entry[f as 0 | 1 | 2]++;
      }
    });
    return { counts, lengths: fields.map((f) => f.length) };
  }

  function addPapers(papers: readonly T[]): number[] {
    const added: number[] = [];
    for (const paper of papers) {
      const doc = documents.length;
      documents.push(paper);
      live.grow(doc + 1);
      const { counts, lengths } = termsOf(paper, true);
      delta.append(doc, counts);
      stats.add(doc, lengths, counts.keys());
      added.push(doc);
    }
    if (added.length > 0) stats.bump();
    return added;
  }

  function removePapers(docs: readonly number[]): number {
    let removed = 0;
    for (const doc of docs) {
      const paper = documents[doc];
      if (paper === undefined || !live.remove(doc)) continue;
      stats.remove(doc, termsOf(paper, false).counts.keys());
      termsInBuildOrder = false;
      removedInSegments++;
      removed++;
    }
    if (removed > 0) stats.bump();
    return removed;
  }

  function accumulate(query: readonly WeightedTerm[]): ScoredDocs {
    const current = buffers.start(documents.length);
    const removed = live.removedCount > 0 ? live.flags : undefined;
    let count = 0;
    for (const { term, weight } of query) {
      if (stats.frequency(term) <= 0) continue;
      const idf = stats.idf(term) * weight;
      if (term < main.termCount) {
        const weights = main.weightsFor(term, stats);
        const from = main.offsets[term] ?? 0;
        const to = main.offsets[term + 1] ?? 0;
        count = addPostings(current, count, main.docs, weights, from, to, idf, removed);
      }
      const list = delta.list(term);
      if (list) {
        const weights = deltaWeights(list, stats);
        count = addPostings(
          current,
          count,
          list.docs.array,
          weights,
          0,
          list.docs.length,
          idf,
          removed,
        );
      }
    }
    return { docs: current.touched, scores: current.scores, count };
  }

  function firstLiveDoc(term: number): number {
    if (term < main.termCount) {
      const end = main.offsets[term + 1] ?? 0;
      for (let i = main.offsets[term] ?? 0; i < end; i++) {
        const doc = main.docs[i] ?? 0;
        if (live.isLive(doc)) return doc;
      }
    }
    const list = delta.list(term);
    for (let i = 0; list && i < list.docs.length; i++) {
      const doc = list.docs.array[i] ?? 0;
      if (live.isLive(doc)) return doc;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** The documents holding a term, ascending: main segment, then the papers added since. */
  function postingDocs(term: number): Uint32Array {
    const inMain =
      term < main.termCount
        ? main.docs.subarray(main.offsets[term] ?? 0, main.offsets[term + 1] ?? 0)
        : new Uint32Array(0);
    const list = delta.list(term);
    if (!list || list.docs.length === 0) return inMain;
    const both = new Uint32Array(inMain.length + list.docs.length);
    both.set(inMain);
    both.set(list.docs.array.subarray(0, list.docs.length), inMain.length);
    return both;
  }

  function docsWithAll(query: readonly number[]): Set<number> {
    if (query.some((term) => stats.frequency(term) <= 0)) return new Set();
    const removed = live.removedCount > 0 ? live.flags : undefined;
    return intersectPostings(query.map(postingDocs), removed);
  }

  function* mergeSteps(): Generator<number, void, void> {
    if (merging) throw new Error('a merge is already running');
    merging = true;
    try {
      const upTo = documents.length;
      const version = stats.version;
      const merged: number[] = [];
      for (let doc = 0; doc < upTo; doc++) if (live.isLive(doc)) merged.push(doc);
      const built = yield* buildSegmentSteps(
        merged.map((doc) => documents[doc] as T),
        params,
        { termIds, terms },
      );
      // The build numbers the papers by their position among those merged: give them theirs.
      const docs = built.index.docs;
      for (let i = 0; i < docs.length; i++) {
        if (i > 0 && i % MERGE_STEP === 0) yield i;
        docs[i] = merged[docs[i] ?? 0] ?? 0;
      }
      main = createMainSegment(built, upTo, version);
      delta.dropBelow(upTo);
      removedInSegments = 0;
      for (const doc of merged) if (!live.isLive(doc)) removedInSegments++;
      for (let doc = upTo; doc < documents.length; doc++)
        if (!live.isLive(doc)) removedInSegments++;
    } finally {
      merging = false;
    }
  }

  function merge(options: MergeOptions = {}): Promise<void> {
    running ??= (async () => {
      try {
        const steps = mergeSteps();
        while (!steps.next().done) await options.pause?.();
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    params,
    lexicon,
    vocabulary,
    live,
    get docCount() {
      return documents.length;
    },
    get liveCount() {
      return stats.liveCount;
    },
    document: (doc) => documents[doc],
    *liveDocs() {
      for (let doc = 0; doc < documents.length; doc++) if (live.isLive(doc)) yield doc;
    },
    addPapers,
    removePapers,
    accumulate,
    docsWithAll,
    needsMerge() {
      const merged = main.upTo;
      return (
        delta.docCount >= Math.max(MERGE_DELTA_MIN, MERGE_DELTA_SHARE * merged) ||
        removedInSegments > MERGE_REMOVED_SHARE * Math.max(merged + delta.docCount, 1)
      );
    },
    merge,
    mergeSteps,
    segments: () => ({ main: main.upTo, delta: delta.docCount, removedInSegments, merging }),
    snapshotSegment() {
      let outside = 0;
      for (let doc = main.upTo; doc < documents.length; doc++) if (live.isLive(doc)) outside++;
      const { papers, segment } = compactMainSegment(
        main,
        live.isLive,
        stats,
        { termIds, terms },
        params,
        outside === 0,
      );
      return { papers, segment, termsInBuildOrder };
    },
  };
}

/** Each term's document frequency from a build's posting offsets. */
function frequenciesOf(offsets: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.max(offsets.length - 1, 0));
  for (let t = 0; t < out.length; t++) out[t] = (offsets[t + 1] ?? 0) - (offsets[t] ?? 0);
  return out;
}
