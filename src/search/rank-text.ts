import { expandWithFeedback, FEEDBACK_DOCS } from './feedback.ts';
import type { GrowingIndex } from './growing-index.ts';
import type { IndexedFields, InvertedIndex } from './inverted-index.ts';
import type { LexiconSource } from './lexicon.ts';
import { createVocabulary, type QueryTerms, queryTerms, SHORT_QUERY_TERMS } from './query-terms.ts';
import {
  createScorer,
  type RankedDocs,
  type ScoredDocs,
  topK,
  type WeightedTerm,
} from './scorer.ts';
import { analyze } from './text-analysis.ts';

/**
 * Ranking a query's free text, the same way over a built index and over a growing one: its
 * weighted terms, then (for long queries) a second run with feedback terms from the first
 * results, then the best `k`. The engine's search adds pinned papers, filters and snippets
 * around this.
 */

/** What ranking reads of an index. */
export interface Rankable {
  lexicon: LexiconSource;
  vocabulary: ReturnType<typeof createVocabulary>;
  accumulate(terms: readonly WeightedTerm[]): ScoredDocs;
  /** The paper of a document number. */
  document(doc: number): IndexedFields | undefined;
}

/** Checks of `topK`: `accept` cheap, `verify` costly and run only on candidates for the top. */
export interface RankFilters {
  accept?: (doc: number) => boolean;
  verify?: (doc: number) => boolean;
}

/** The best `k` documents for a query's text, with its analysed terms. */
export function rankText(
  index: Rankable,
  text: string,
  k: number,
  filters: RankFilters = {},
): { ranked: RankedDocs; terms: QueryTerms } {
  const terms = queryTerms(text, index.lexicon, index.vocabulary);
  if (terms.terms.length === 0) return { ranked: { docs: [], scores: [], total: 0 }, terms };
  let weighted = terms.terms;
  if (terms.typed.length > SHORT_QUERY_TERMS) {
    // Long queries are run again with feedback terms from their first results.
    const first = topK(index.accumulate(weighted), FEEDBACK_DOCS, filters.accept, filters.verify);
    weighted = expandWithFeedback(index.lexicon, weighted, first, (doc) => {
      const paper = index.document(doc);
      return paper ? analyze(`${paper.title}\n${paper.abstract}`) : [];
    });
  }
  const ranked = topK(index.accumulate(weighted), k, filters.accept, filters.verify);
  return { ranked, terms };
}

/** A built index over `papers` (in the order it numbers them), ready to rank. */
export function rankableIndex(index: InvertedIndex, papers: readonly IndexedFields[]): Rankable {
  const scorer = createScorer(index);
  return {
    lexicon: index,
    vocabulary: createVocabulary(index),
    accumulate: scorer.accumulate,
    document: (doc) => papers[doc],
  };
}

/** A growing index, ready to rank. */
export function rankableGrowing(index: GrowingIndex): Rankable {
  return {
    lexicon: index.lexicon,
    vocabulary: index.vocabulary,
    accumulate: index.accumulate,
    document: index.document,
  };
}
