import type { Engine } from '../engine-types.ts';
import { isShammieError } from '../errors.ts';
import { termsOfWord } from '../search/text-analysis.ts';

/**
 * The question's terms, weighted by how much they say: a term most papers share ("model",
 * "cell") tells a sentence little, a rare one ("biomaterials") much. Terms are the search
 * engine's own (same stemming), and their rarity is read from the engine's index: the number
 * of papers a one-word search matches is the term's document frequency.
 */

/** Weight of a term that only the thread's earlier questions hold, against the question's 1. */
export const CONTEXT_WEIGHT = 0.5;

/** At most this many distinct terms are looked up (a question rarely has more). */
export const MAX_QUESTION_TERMS = 40;

/** A term of the question with its weight (question or context, times rarity). */
export interface WeightedQuestionTerm {
  term: string;
  weight: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu;

/** Robertson–Spärck Jones idf, never negative: ln(1 + (N − df + ½) / (df + ½)). */
export function inverseDocumentFrequency(df: number, papers: number): number {
  return Math.log(1 + (papers - df + 0.5) / (df + 0.5));
}

/** Each distinct term of a text with the first word that yields it, in order. */
function termsWithWords(text: string, into: Map<string, string>): void {
  for (const match of text.matchAll(WORD)) {
    for (const term of termsOfWord(match[0])) {
      if (!into.has(term) && into.size < MAX_QUESTION_TERMS) into.set(term, match[0]);
    }
  }
}

/** The number of papers that hold a word, as the engine's index counts them. */
function documentFrequency(engine: Engine, word: string): number {
  try {
    return engine.search(word, { limit: 0 }).total;
  } catch (error) {
    // A word the engine will not search on its own (too short, a stray filter) counts as common.
    if (isShammieError(error)) return engine.papers.length;
    throw error;
  }
}

/**
 * The weighted terms of a question and of its thread's earlier questions (those count with
 * `CONTEXT_WEIGHT`), each times its idf in the engine's corpus.
 */
export function questionTerms(
  engine: Engine,
  question: string,
  context: readonly string[] = [],
): WeightedQuestionTerm[] {
  const own = new Map<string, string>();
  termsWithWords(question, own);
  const earlier = new Map<string, string>();
  for (const text of context) termsWithWords(text, earlier);
  const papers = engine.papers.length;
  const out: WeightedQuestionTerm[] = [];
  const add = (term: string, word: string, base: number): void => {
    const idf = inverseDocumentFrequency(documentFrequency(engine, word), papers);
    if (idf > 0) out.push({ term, weight: base * idf });
  };
  for (const [term, word] of own) add(term, word, 1);
  for (const [term, word] of earlier) if (!own.has(term)) add(term, word, CONTEXT_WEIGHT);
  return out;
}
