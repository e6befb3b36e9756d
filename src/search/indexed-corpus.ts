import type { Paper } from '../types.ts';
import type { InvertedIndex } from './inverted-index.ts';
import type { NameIndex } from './name-index.ts';
import { createPaperDirectory, type PaperDirectory } from './paper-directory.ts';
import { createVocabulary, type Vocabulary } from './query-terms.ts';
import { createScorer, type Scorer } from './scorer.ts';
import { analyze } from './text-analysis.ts';

/**
 * The papers and everything built over them that the engine's parts read: one value, made
 * once per engine, so each part (search, look-up, suggestions, similar papers) is a function
 * of it. Document numbers are the papers' positions.
 */
export interface IndexedCorpus {
  readonly papers: readonly Paper[];
  readonly index: InvertedIndex;
  readonly names: NameIndex;
  readonly directory: PaperDirectory;
  readonly scorer: Scorer;
  readonly vocabulary: Vocabulary;
  /** The paper of a document number. */
  paperAt(doc: number): Paper;
  /** The analysed terms of a paper's title and abstract, in order (for phrases and feedback). */
  textTerms(doc: number): string[];
}

/** The corpus with its indexes, and the look-ups built over them. */
export function indexedCorpus(
  papers: readonly Paper[],
  index: InvertedIndex,
  names: NameIndex,
): IndexedCorpus {
  const paperAt = (doc: number): Paper => papers[doc] as Paper;
  return {
    papers,
    index,
    names,
    directory: createPaperDirectory(papers),
    scorer: createScorer(index),
    vocabulary: createVocabulary(index),
    paperAt,
    textTerms: (doc) => {
      const paper = paperAt(doc);
      return analyze(`${paper.title}\n${paper.abstract}`);
    },
  };
}

/** `value` as an integer within [min, max]; anything not a finite number is `min`. */
export function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(Math.max(Math.floor(value), min), max);
}
