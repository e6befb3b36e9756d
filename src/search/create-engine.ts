import { citePaper } from '../cite/cite-paper.ts';
import { dailyPaper } from '../daily/daily-pick.ts';
import type { BuiltEngine, CorpusStats } from '../engine-types.ts';
import { corpusStats } from '../stats.ts';
import { createPaperSummaries } from '../summary/paper-summaries.ts';
import type { Paper } from '../types.ts';
import { createAutocomplete } from './autocomplete.ts';
import { createCorpusChanges } from './corpus-changes.ts';
import { type GrowingIndex, growingIndexFrom } from './growing-index.ts';
import { type IndexedCorpus, indexedCorpus } from './indexed-corpus.ts';
import { type BuiltSegment, buildSegmentSteps, DEFAULT_BM25F } from './inverted-index.ts';
import { createLiveNames } from './live-names.ts';
import { buildNameIndex, type NameIndex, renumberNameIndex } from './name-index.ts';
import { createPaperLookup } from './paper-lookup.ts';
import { createQueryFilter } from './query-filter.ts';
import { randomPaper } from './random-paper.ts';
import { createSearch } from './ranked-search.ts';
import { similarPapers } from './similar-papers.ts';
import {
  contentFromParts,
  decodeSnapshot,
  encodeSnapshot,
  partsFromJson,
  partsToJson,
  type SnapshotContent,
  snapshotParts,
} from './snapshot.ts';
import { topicDigest } from './topic-digest.ts';

/** Builds the engine over a corpus (the index is built once, here; it grows with `add`). */
export function createEngine(papers: readonly Paper[]): BuiltEngine {
  const steps = buildSegmentSteps(papers, DEFAULT_BM25F);
  for (;;) {
    const step = steps.next();
    if (step.done) return builtEngine(step.value, papers, buildNameIndex(papers));
  }
}

/** What a stepwise build reports and how it lets other work run. */
export interface BuildOptions {
  /** Called with the papers indexed so far and the total, as the build goes. */
  onProgress?: (done: number, total: number) => void;
  /** Awaited between steps so that other work runs, e.g. `() => new Promise(setImmediate)`. */
  pause?: () => Promise<void>;
}

/**
 * `createEngine` in steps, reporting progress and pausing between them, so that a bot keeps
 * answering ("still reading the papers") while a large corpus indexes.
 */
export async function buildEngine(
  papers: readonly Paper[],
  options: BuildOptions = {},
): Promise<BuiltEngine> {
  const steps = buildSegmentSteps(papers, DEFAULT_BM25F);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      await options.pause?.();
      const names = buildNameIndex(papers);
      await options.pause?.();
      const engine = builtEngine(step.value, papers, names);
      options.onProgress?.(papers.length, papers.length);
      return engine;
    }
    // Two passes over the papers: half a step of progress each.
    options.onProgress?.(Math.min(papers.length, Math.floor(step.value / 2)), papers.length);
    await options.pause?.();
  }
}

export interface LoadEngineOptions {
  /**
   * The caller has already made sure the papers are those the snapshot was made from (say, by a
   * hash of the corpus files stored with it): skip hashing every paper's text again.
   */
  corpusChecked?: boolean;
}

/**
 * An engine from a snapshot and the same papers (`engine.papers` of the engine it was taken
 * from): `engine.snapshot()`'s value (or its JSON text, which `JSON.stringify(engine)` also
 * writes), or `engine.toBytes()`'s bytes. Papers added since the snapshotted engine's last
 * merge are indexed again here; every score equals the snapshotted engine's. Throws a
 * ShammieError when the snapshot is from another version, another corpus, or damaged; callers
 * then build the engine again.
 */
export function loadEngine(
  snapshot: unknown,
  papers: readonly Paper[],
  options: LoadEngineOptions = {},
): BuiltEngine {
  const parts = snapshot instanceof Uint8Array ? decodeSnapshot(snapshot) : partsFromJson(snapshot);
  const content = contentFromParts(parts, papers, options.corpusChecked === true);
  const inSegment = papers.slice(0, content.segmentPapers);
  const index = growingIndexFrom(content.segment, inSegment, {
    termsInBuildOrder: content.termsInBuildOrder,
  });
  const corpus = indexedCorpus(index, createLiveNames(content.names, inSegment.length));
  corpus.add(papers.slice(content.segmentPapers));
  return engineOver(corpus);
}

/** The engine over a build of `papers`. */
function builtEngine(segment: BuiltSegment, papers: readonly Paper[], names: NameIndex) {
  const index = growingIndexFrom(segment, papers);
  return engineOver(indexedCorpus(index, createLiveNames(names, papers.length)));
}

/** The engine's methods, each from the part that does that job, over one indexed corpus. */
function engineOver(corpus: IndexedCorpus): BuiltEngine {
  const filterOf = createQueryFilter(corpus);
  const search = createSearch(corpus, filterOf);
  const { lookup, resolve } = createPaperLookup(corpus, filterOf, search);
  const summarize = createPaperSummaries();
  const toPaper = (paperOrId: Paper | string): Paper =>
    typeof paperOrId === 'string' ? resolve(paperOrId) : paperOrId;
  const parts = () => snapshotParts(snapshotContent(corpus), corpus.livePapers());
  const snapshot = () => partsToJson(parts());
  let stats: { of: readonly Paper[]; stats: CorpusStats } | undefined;

  return {
    get papers() {
      return corpus.livePapers();
    },
    ...createCorpusChanges(corpus),
    search,
    lookup,
    resolve,
    suggest: createAutocomplete(corpus, search),
    summarize: (paperOrId) => summarize(toPaper(paperOrId)),
    digest: (topic, limit) => topicDigest(search, summarize, topic, limit),
    random: (source, topic) => randomPaper(corpus.livePapers(), search, source, topic),
    daily: (date) => dailyPaper(corpus.livePapers(), date),
    similar: (paperOrId, limit) => similarPapers(corpus, toPaper(paperOrId), limit),
    // citePaper checks the format itself (case-insensitively) and says which ones exist.
    cite: (paperOrId, format = 'bibtex') => citePaper(toPaper(paperOrId), format),
    stats: () => {
      // Made again only after a change (a new list of live papers).
      const papers = corpus.livePapers();
      if (stats?.of !== papers) stats = { of: papers, stats: corpusStats(papers) };
      return stats.stats;
    },
    snapshot,
    toJSON: snapshot,
    toBytes: () => encodeSnapshot(parts()),
  };
}

/** What a snapshot of the corpus holds: its main segment's live papers, numbered afresh. */
function snapshotContent(corpus: IndexedCorpus): SnapshotContent {
  const index: GrowingIndex<Paper> = corpus.index;
  const { papers: segmentPapers, segment, termsInBuildOrder } = index.snapshotSegment();
  const upTo = index.segments().main;
  const { names } = corpus;
  let namesOfSegment: NameIndex;
  if (names.upTo === upTo && segmentPapers === upTo) {
    namesOfSegment = names.main; // nothing removed: the numbers are already the live ranks
  } else if (names.upTo === upTo) {
    const rank = new Int32Array(upTo).fill(-1);
    let next = 0;
    for (let doc = 0; doc < upTo; doc++) if (corpus.isLive(doc)) rank[doc] = next++;
    namesOfSegment = renumberNameIndex(names.main, (doc) => rank[doc] ?? -1);
  } else {
    // Between the end of a merge and the name index made again over it: made here instead.
    namesOfSegment = buildNameIndex(corpus.livePapers().slice(0, segmentPapers));
  }
  return { segment, segmentPapers, termsInBuildOrder, names: namesOfSegment };
}
