import type { Paper } from './types.ts';

/** Text with the query's matched terms marked, so each platform can bold them its own way. */
export type Snippet = Array<{ text: string; match: boolean }>;

/** An inclusive range of publication years. */
export interface YearRange {
  from: number;
  to: number;
}

export interface SearchOptions {
  /** Hits per page (default 10). */
  limit?: number;
  /** Hits to skip, for pages (default 0). */
  offset?: number;
  /** Only papers with an author matching these words (also `author:` in the query). */
  author?: string;
  /** Only papers of this year or range: 2023, "2023", "2023..2024" (also `year:` in the query). */
  year?: number | string | YearRange;
}

export interface SearchHit {
  paper: Paper;
  score: number;
  /** A passage of the abstract (or the title) with the matched terms marked. */
  snippet: Snippet;
}

export interface SearchResult {
  /** How many papers matched in all (for pages). */
  total: number;
  /** This page of hits, best first. */
  hits: SearchHit[];
  offset: number;
  limit: number;
}

export type KeyPointKind = 'problem' | 'method' | 'result';

export interface KeyPoint {
  kind: KeyPointKind;
  text: string;
}

/** An extractive summary: sentences of the abstract, never invented text. */
export interface Summary {
  paperId: string;
  /** One sentence. */
  tldr: string;
  /** Two to four key points in abstract order (problem, method, result where found). */
  points: KeyPoint[];
}

/** A short digest of the papers best matching a topic. */
export interface Digest {
  topic: string;
  total: number;
  items: Array<{ paper: Paper; tldr: string }>;
}

export type CitationFormat = 'bibtex' | 'apa' | 'mla';
export const CITATION_FORMATS: readonly CitationFormat[] = ['bibtex', 'apa', 'mla'];

export interface CorpusStats {
  papers: number;
  /** First and last year seen, when any paper has a year. */
  years?: YearRange;
  /** Most frequent authors, most papers first. */
  topAuthors: Array<{ name: string; papers: number }>;
  collections: string[];
}

/**
 * The query engine over one corpus. Every method is synchronous; all but `add` and `remove`
 * (which change the corpus) are pure, but for `random`'s injected source.
 */
export interface Engine {
  /** The live papers, in the order they were indexed (removed ones left out). */
  readonly papers: readonly Paper[];
  /**
   * Indexes papers without a rebuild: when this returns, every method finds them, and every
   * score equals that of an engine built afresh over the same papers in the same order. A
   * paper whose id, arXiv id or DOI a live paper (or one earlier in the list) already has is
   * left out. Returns the papers added. Call `needsMerge` afterwards.
   */
  add(papers: readonly Paper[]): Paper[];
  /**
   * Hides the papers with these ids from every method at once (their postings stay until the
   * next merge); returns how many were live. Call `needsMerge` afterwards.
   */
  remove(ids: readonly string[]): number;
  /**
   * Whether enough has changed since the last merge (papers added, or removed papers still in
   * the index) for a merge to pay. Ask after every `add` or `remove`; when true, start `merge`.
   */
  needsMerge(): boolean;
  /**
   * Folds the papers added and removed since the last merge into the main index, in steps,
   * awaiting `pause` between them (give one that yields to the event loop, e.g.
   * `() => new Promise(setImmediate)`: a step runs about a second at 200,000 papers). Every
   * method keeps answering meanwhile, and changes made during the merge are kept. One merge at
   * a time: a call while one runs returns that merge's promise. The engine never starts a
   * merge itself (it keeps no timers): its owner calls this when `needsMerge()` says so.
   */
  merge(options?: { pause?: () => Promise<void> }): Promise<void>;
  /** Ranked search; understands "phrases", author:, year:, arXiv ids, arXiv URLs and DOIs. */
  search(query: string, options?: SearchOptions): SearchResult;
  /**
   * The paper a reference names, or undefined: its id, arXiv id or URL, DOI, title or short
   * name, or words that are all in its title, authors, year or coined names and in no other
   * paper's (a lone ordinary word is a topic). `paper:WORDS` is the best match whatever the
   * words; `topic:WORDS` is never a paper.
   */
  lookup(ref: string): Paper | undefined;
  /**
   * Like lookup, but throws ShammieError PAPER_NOT_FOUND (or EMPTY_QUERY) with a helpful
   * message: the papers the reference comes near, or a hint that fits what was typed.
   */
  resolve(ref: string): Paper;
  /** Papers for an autocomplete box: title prefix and word matches, typo tolerant; fast. */
  suggest(text: string, limit?: number): Paper[];
  summarize(paperOrId: Paper | string): Summary;
  /** A digest of the best matches of a topic (empty items when nothing matches); `topic:` is dropped. */
  digest(topic: string, limit?: number): Digest;
  /** A random paper, among the matches of `topic` when given; undefined when nothing matches. */
  random(random: () => number, topic?: string): Paper | undefined;
  /** The paper of a calendar date (YYYY-MM-DD): a shuffled cycle, every paper once before repeats. */
  daily(date: string): Paper;
  /** Papers sharing the paper's distinctive terms, the paper itself excluded. */
  similar(paperOrId: Paper | string, limit?: number): SearchHit[];
  cite(paperOrId: Paper | string, format?: CitationFormat): string;
  stats(): CorpusStats;
  /** A JSON-serialisable snapshot of the index, for `loadEngine` (large: the whole index). */
  snapshot(): unknown;
  /** The same snapshot as compact bytes, for a file (see `loadEngine`). */
  toBytes(): Uint8Array;
}

/**
 * An engine as `createEngine`, `buildEngine` and `loadEngine` make it. Its `toJSON` is kept
 * only for outside tools that save an engine with `JSON.stringify(engine)` and read it back
 * with `loadEngine(text, papers)` (a benchmark does): inside Shammie, call `snapshot()`, and
 * pass engines on as plain {@link Engine}s. Whatever wraps or holds an engine must not define
 * `toJSON`, lest serialising the holder (a log line) write the whole index.
 */
export interface BuiltEngine extends Engine {
  /** The value of `snapshot()`, so that `JSON.stringify(engine)` writes the snapshot. */
  toJSON(): unknown;
}
