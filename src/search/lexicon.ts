import { documentFrequency, type InvertedIndex } from './inverted-index.ts';
import type { WeightedTerm } from './scorer.ts';

/**
 * What query analysis reads of an index: which terms the live papers hold, how many papers hold
 * each, and its idf. A built index answers from its arrays; a growing index (papers added and
 * removed since the build) answers from statistics it keeps exact, so both rank alike.
 */
export interface Lexicon {
  /** The id of a term at least one paper holds, or undefined. */
  idOf(term: string): number | undefined;
  /** Every term ever indexed, by id; a term no paper holds any more has frequency 0. */
  readonly terms: readonly string[];
  /** How many papers hold a term. */
  frequency(id: number): number;
  /** Inverse document frequency of a term, as the index stores it (32-bit float). */
  idf(id: number): number;
  /**
   * Orders two terms as an index built over the same papers numbers them (by first occurrence):
   * the tie-break between equally weighted terms, so a grown index picks the same ones.
   */
  compare(a: number, b: number): number;
}

const lexicons = new WeakMap<InvertedIndex, Lexicon>();

/** The lexicon of a built index (made once per index). */
export function lexiconOf(index: InvertedIndex): Lexicon {
  let lexicon = lexicons.get(index);
  if (!lexicon) {
    lexicon = {
      idOf: (term) => index.termIds.get(term),
      terms: index.terms,
      frequency: (id) => documentFrequency(index, id),
      idf: (id) => index.idf[id] ?? 0,
      compare: (a, b) => a - b,
    };
    lexicons.set(index, lexicon);
  }
  return lexicon;
}

/** A lexicon, or the built index whose lexicon is meant. */
export type LexiconSource = InvertedIndex | Lexicon;

/** The lexicon of either. */
export function asLexicon(source: LexiconSource): Lexicon {
  return 'offsets' in source ? lexiconOf(source) : source;
}

/**
 * The `n` heaviest weighted terms, heaviest first, ties in the order a fresh build numbers the
 * terms. Sorted by weight alone first: the tie-break (costly for a grown index) is needed only
 * among the terms that reach the cut.
 */
export function heaviestTerms(
  lexicon: Lexicon,
  terms: readonly WeightedTerm[],
  n: number,
): WeightedTerm[] {
  const byWeight = [...terms].sort((a, b) => b.weight - a.weight);
  const cut = byWeight[n - 1]?.weight ?? Number.NEGATIVE_INFINITY;
  return byWeight
    .filter((t) => t.weight >= cut)
    .sort((a, b) => b.weight - a.weight || lexicon.compare(a.term, b.term))
    .slice(0, n);
}
