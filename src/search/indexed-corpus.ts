import type { Paper } from '../types.ts';
import type { GrowingIndex } from './growing-index.ts';
import type { LiveNames } from './live-names.ts';
import { createPaperDirectory, type PaperDirectory } from './paper-directory.ts';
import { type Rankable, rankableGrowing } from './rank-text.ts';
import type { NameSource } from './suggest.ts';
import { analyze } from './text-analysis.ts';

/**
 * The papers and everything built over them that the engine's parts read: one value per
 * engine, so each part (search, look-up, suggestions, similar papers) is a function of it.
 * Papers are known by document number: the order they were indexed in, never reused, a removed
 * paper's number staying unused. Every part asks `isLive` (or reads live papers only) so that a
 * removed paper is gone from every answer at once.
 */
export interface IndexedCorpus {
  /** Postings, statistics, lexicon and vocabulary over the live papers. */
  readonly index: GrowingIndex<Paper>;
  /** The index, ready for `rankText`. */
  readonly rankable: Rankable;
  /** Title and author words, for autocomplete. */
  readonly names: LiveNames;
  readonly directory: PaperDirectory;
  /** The paper of a document number (a removed one too). */
  paperAt(doc: number): Paper;
  isLive(doc: number): boolean;
  /** The analysed terms of a paper's title and abstract, in order (for phrases and feedback). */
  textTerms(doc: number): string[];
  /** The live papers in document order; the same array until the next change. */
  livePapers(): readonly Paper[];
  /** What autocomplete reads. */
  nameSource(): NameSource;
  /** Indexes papers (their numbers follow every other); returns their document numbers. */
  add(papers: readonly Paper[]): number[];
  /** Hides the live papers with these document numbers; returns how many were live. */
  remove(docs: readonly number[]): number;
}

/** The corpus of a growing index and the name index of the same papers. */
export function indexedCorpus(index: GrowingIndex<Paper>, names: LiveNames): IndexedCorpus {
  const paperAt = (doc: number): Paper => index.document(doc) as Paper;
  const isLive = (doc: number): boolean => index.live.isLive(doc);
  const all: Paper[] = [];
  for (let doc = 0; doc < index.docCount; doc++) all.push(paperAt(doc));
  const directory = createPaperDirectory(all, isLive);
  let live: readonly Paper[] | undefined;
  const livePapers = (): readonly Paper[] => {
    if (!live) {
      const papers: Paper[] = [];
      for (const doc of index.liveDocs()) papers.push(paperAt(doc));
      live = papers;
    }
    return live;
  };

  return {
    index,
    rankable: rankableGrowing(index),
    names,
    directory,
    paperAt,
    isLive,
    textTerms: (doc) => {
      const paper = paperAt(doc);
      return analyze(`${paper.title}\n${paper.abstract}`);
    },
    livePapers,
    nameSource: () => ({ indexes: names.indexes(), isLive, paperAt }),
    add(papers) {
      const docs = index.addPapers(papers);
      docs.forEach((doc, i) => {
        const paper = papers[i] as Paper;
        directory.add(paper, doc);
        names.add(paper, doc);
      });
      if (docs.length > 0) live = undefined;
      return docs;
    },
    remove(docs) {
      const removed = index.removePapers(docs);
      if (removed > 0) live = undefined;
      return removed;
    },
  };
}

/** `value` as an integer within [min, max]; anything not a finite number is `min`. */
export function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(Math.max(Math.floor(value), min), max);
}
