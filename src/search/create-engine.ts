import { citePaper } from '../cite/cite-paper.ts';
import { dailyPaper } from '../daily/daily-pick.ts';
import type { BuiltEngine, CorpusStats } from '../engine-types.ts';
import { corpusStats } from '../stats.ts';
import { createPaperSummaries } from '../summary/paper-summaries.ts';
import type { Paper } from '../types.ts';
import { createAutocomplete } from './autocomplete.ts';
import { indexedCorpus } from './indexed-corpus.ts';
import {
  buildIndex,
  buildIndexSteps,
  DEFAULT_BM25F,
  type InvertedIndex,
} from './inverted-index.ts';
import { buildNameIndex, type NameIndex } from './name-index.ts';
import { createPaperLookup } from './paper-lookup.ts';
import { createQueryFilter } from './query-filter.ts';
import { randomPaper } from './random-paper.ts';
import { createSearch } from './ranked-search.ts';
import { similarPapers } from './similar-papers.ts';
import {
  decodeSnapshot,
  encodeSnapshot,
  indexFromParts,
  partsFromJson,
  partsToJson,
  snapshotParts,
} from './snapshot.ts';
import { topicDigest } from './topic-digest.ts';

/** Builds the engine over a corpus (the index is built once, here). */
export function createEngine(papers: readonly Paper[]): BuiltEngine {
  return engineOver(papers, buildIndex(papers, DEFAULT_BM25F), buildNameIndex(papers));
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
  const steps = buildIndexSteps(papers, DEFAULT_BM25F);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      await options.pause?.();
      const names = buildNameIndex(papers);
      await options.pause?.();
      const engine = engineOver(papers, step.value, names);
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
 * An engine from a snapshot and the same papers: `engine.snapshot()`'s value (or its JSON
 * text, which `JSON.stringify(engine)` also writes), or `engine.toBytes()`'s bytes. Throws a
 * ShammieError when the snapshot is from another version, another corpus, or damaged; callers
 * then build the engine again.
 */
export function loadEngine(
  snapshot: unknown,
  papers: readonly Paper[],
  options: LoadEngineOptions = {},
): BuiltEngine {
  const parts = snapshot instanceof Uint8Array ? decodeSnapshot(snapshot) : partsFromJson(snapshot);
  const { index, names } = indexFromParts(parts, papers, options.corpusChecked === true);
  return engineOver(papers, index, names);
}

/** The engine's methods, each from the part that does that job, over one indexed corpus. */
function engineOver(papers: readonly Paper[], index: InvertedIndex, names: NameIndex): BuiltEngine {
  return growable(fixedEngineOver(papers, index, names));
}

type FixedEngine = Omit<BuiltEngine, 'add' | 'remove'>;

/**
 * STOPGAP until the growing index is wired in: `add` and `remove` build the whole index again
 * over the new list of papers (correct, but slow on a large corpus).
 */
function growable(first: FixedEngine): BuiltEngine {
  let inner = first;
  const rebuild = (papers: readonly Paper[]) => {
    inner = fixedEngineOver(papers, buildIndex(papers, DEFAULT_BM25F), buildNameIndex(papers));
  };
  return {
    get papers() {
      return inner.papers;
    },
    add: (papers) => {
      const held = new Set(inner.papers.map((paper) => paper.id));
      const fresh = papers.filter((paper) => !held.has(paper.id) && held.add(paper.id));
      if (fresh.length > 0) rebuild([...inner.papers, ...fresh]);
      return fresh;
    },
    remove: (ids) => {
      const gone = new Set(ids);
      const kept = inner.papers.filter((paper) => !gone.has(paper.id));
      const removed = inner.papers.length - kept.length;
      if (removed > 0) rebuild(kept);
      return removed;
    },
    search: (query, options) => inner.search(query, options),
    lookup: (ref) => inner.lookup(ref),
    resolve: (ref) => inner.resolve(ref),
    suggest: (text, limit) => inner.suggest(text, limit),
    summarize: (paper) => inner.summarize(paper),
    digest: (topic, limit) => inner.digest(topic, limit),
    random: (source, topic) => inner.random(source, topic),
    daily: (date) => inner.daily(date),
    similar: (paper, limit) => inner.similar(paper, limit),
    cite: (paper, format) => inner.cite(paper, format),
    stats: () => inner.stats(),
    snapshot: () => inner.snapshot(),
    toJSON: () => inner.toJSON(),
    toBytes: () => inner.toBytes(),
  };
}

function fixedEngineOver(
  papers: readonly Paper[],
  index: InvertedIndex,
  names: NameIndex,
): FixedEngine {
  const corpus = indexedCorpus(papers, index, names);
  const filterOf = createQueryFilter(corpus);
  const search = createSearch(corpus, filterOf);
  const { lookup, resolve } = createPaperLookup(corpus, filterOf, search);
  const summarize = createPaperSummaries();
  const toPaper = (paperOrId: Paper | string): Paper =>
    typeof paperOrId === 'string' ? resolve(paperOrId) : paperOrId;
  const snapshot = () => partsToJson(snapshotParts(index, names, papers));
  let stats: CorpusStats | undefined;

  return {
    papers,
    search,
    lookup,
    resolve,
    suggest: createAutocomplete(corpus, search),
    summarize: (paperOrId) => summarize(toPaper(paperOrId)),
    digest: (topic, limit) => topicDigest(search, summarize, topic, limit),
    random: (source, topic) => randomPaper(papers, search, source, topic),
    daily: (date) => dailyPaper(papers, date),
    similar: (paperOrId, limit) => similarPapers(corpus, toPaper(paperOrId), limit),
    // citePaper checks the format itself (case-insensitively) and says which ones exist.
    cite: (paperOrId, format = 'bibtex') => citePaper(toPaper(paperOrId), format),
    stats: () => (stats ??= corpusStats(papers)),
    snapshot,
    toJSON: snapshot,
    toBytes: () => encodeSnapshot(snapshotParts(index, names, papers)),
  };
}
