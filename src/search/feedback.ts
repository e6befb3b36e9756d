import { asLexicon, heaviestTerms, type LexiconSource } from './lexicon.ts';
import type { RankedDocs, WeightedTerm } from './scorer.ts';

/**
 * Pseudo-relevance feedback (in the spirit of RM3): a long query — a claim, a question — names
 * its topic in words the relevant papers may not share, while the first results already speak
 * the topic's vocabulary. Terms frequent in those first results and rare in the corpus are
 * added to the query with a smaller weight, and the query runs again.
 */

/** First results the feedback terms are drawn from. */
export const FEEDBACK_DOCS = 10;
/** Terms added to the query. */
export const FEEDBACK_TERMS = 20;
/** Weight of the strongest added term (the original terms keep theirs). */
export const FEEDBACK_WEIGHT = 0.5;

/** The query's terms plus feedback terms drawn from the first results' analysed text. */
export function expandWithFeedback(
  source: LexiconSource,
  terms: readonly WeightedTerm[],
  first: RankedDocs,
  termsOf: (doc: number) => readonly string[],
): WeightedTerm[] {
  const lexicon = asLexicon(source);
  const top = first.scores[0];
  if (top === undefined) return [...terms];
  const mass = new Map<number, number>();
  const n = Math.min(FEEDBACK_DOCS, first.docs.length);
  for (let i = 0; i < n; i++) {
    const sequence = termsOf(first.docs[i] ?? 0);
    if (sequence.length === 0) continue;
    // A result's say is its likelihood relative to the best one; a term's share is its frequency.
    const docWeight = Math.exp((first.scores[i] ?? 0) - top) / sequence.length;
    for (const term of sequence) {
      const id = lexicon.idOf(term);
      if (id !== undefined) mass.set(id, (mass.get(id) ?? 0) + docWeight);
    }
  }
  const original = new Set(terms.map((t) => t.term));
  const candidates = heaviestTerms(
    lexicon,
    Array.from(mass, ([term, m]) => ({ term, weight: m * lexicon.idf(term) })).filter(
      (c) => !original.has(c.term),
    ),
    FEEDBACK_TERMS,
  );
  const strongest = candidates[0]?.weight ?? 1;
  return [
    ...terms,
    ...candidates.map((c) => ({ term: c.term, weight: (FEEDBACK_WEIGHT * c.weight) / strongest })),
  ];
}
