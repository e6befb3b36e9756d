import SearchableMap from 'minisearch/SearchableMap';
import { asLexicon, type LexiconSource } from './lexicon.ts';
import type { WeightedTerm } from './scorer.ts';
import { analyze, fold } from './text-analysis.ts';

/**
 * Turning query text into weighted index terms. Known terms count fully. A word the corpus
 * has never seen is most likely a typo or an unfinished word: it is expanded to close terms
 * (edit distance) and, in short queries, to terms it begins — discounted, so an exact match
 * always wins. Long queries (claims, pasted sentences) get no expansion: there, unknown words
 * are just rare words, and expansions would only add noise and time.
 */

/** Queries with at most this many terms are "short": names, titles, a few keywords. */
export const SHORT_QUERY_TERMS = 4;
/** Weight of a term reached by a typo correction, times 1 / (1 + distance). */
export const FUZZY_WEIGHT = 0.8;
/** Weight of a term reached by prefix completion. */
export const PREFIX_WEIGHT = 0.6;
/** A typo is looked for in at most this many final letters of an unknown word. */
export const MAX_TYPO_CUT = 3;
/** ...of words at least this long (shorter ones have too many neighbours)... */
export const MIN_TYPO_WORD = 8;
/** ...and never by cutting a word shorter than this. */
export const MIN_TYPO_STEM = 5;
/** At most this many completions or corrections per word (the most frequent ones). */
export const MAX_EXPANSIONS = 3;

export interface QueryTerms {
  terms: WeightedTerm[];
  /** The index terms the query matches (for snippets and coverage), expansions included. */
  matched: Set<string>;
  /** Query terms in the order typed, known or not (duplicates removed). */
  typed: string[];
  /** For each typed term, the index terms that stand for it (itself, or its expansions). */
  meanings: Map<string, Set<string>>;
}

/**
 * A lazily built radix tree over the vocabulary, for prefix and fuzzy look-ups. Terms no paper
 * holds any more are skipped; a growing index tells it of new terms with `add`.
 */
export function createVocabulary(source: LexiconSource) {
  const lexicon = asLexicon(source);
  let tree: SearchableMap<number> | undefined;
  const get = (): SearchableMap<number> => {
    if (!tree) {
      const built = new SearchableMap<number>();
      lexicon.terms.forEach((term, id) => {
        built.set(term, id);
      });
      tree = built;
    }
    return tree;
  };
  const live = (id: number): boolean => lexicon.frequency(id) > 0;
  const byFrequency = (ids: number[]): number[] =>
    ids
      .sort((a, b) => lexicon.frequency(b) - lexicon.frequency(a) || lexicon.compare(a, b))
      .slice(0, MAX_EXPANSIONS);

  return {
    /** Term ids within an edit distance of `word`, with their distances. */
    fuzzy(word: string): Array<{ id: number; distance: number }> {
      const max = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
      if (max === 0) return [];
      const found = get().fuzzyGet(word, max);
      const out = Array.from(found.values(), ([id, distance]) => ({ id, distance })).filter((x) =>
        live(x.id),
      );
      out.sort(
        (a, b) =>
          a.distance - b.distance ||
          lexicon.frequency(b.id) - lexicon.frequency(a.id) ||
          lexicon.compare(a.id, b.id),
      );
      return out.slice(0, MAX_EXPANSIONS);
    },
    /** Term ids that start with `prefix` (the most frequent first). */
    completions(prefix: string): number[] {
      if (prefix.length < 3) return [];
      const ids: number[] = [];
      for (const [, id] of get().atPrefix(prefix)) {
        if (!live(id)) continue;
        ids.push(id);
        if (ids.length > 2000) break;
      }
      return byFrequency(ids);
    },
    /** A term indexed after the tree was made (a paper added to a growing index). */
    add(term: string, id: number): void {
      tree?.set(term, id);
    },
  };
}

export type Vocabulary = ReturnType<typeof createVocabulary>;

/** The weighted terms of a query's free text. */
export function queryTerms(
  text: string,
  source: LexiconSource,
  vocabulary: Vocabulary,
): QueryTerms {
  const lexicon = asLexicon(source);
  const typed = Array.from(new Set(analyze(text)));
  const weights = new Map<number, number>();
  const matched = new Set<string>();
  const meanings = new Map<string, Set<string>>();
  let current = new Set<string>();
  const add = (id: number, weight: number): void => {
    weights.set(id, Math.max(weights.get(id) ?? 0, weight));
    const term = lexicon.terms[id];
    if (term !== undefined) {
      matched.add(term);
      current.add(term);
    }
  };
  const short = typed.length <= SHORT_QUERY_TERMS;
  // Repeated words weigh more, as in BM25's query-term frequency, but gently.
  const counts = new Map<string, number>();
  for (const t of analyze(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const rawWords = Array.from(fold(text).matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);
  const lastWord = rawWords[rawWords.length - 1];

  typed.forEach((term) => {
    current = new Set<string>();
    meanings.set(term, current);
    const id = lexicon.idOf(term);
    const qtf = 1 + Math.log(counts.get(term) ?? 1);
    if (id !== undefined) {
      add(id, qtf);
      return;
    }
    if (!short) return;
    const near = vocabulary.fuzzy(term);
    for (const { id, distance } of near) add(id, (FUZZY_WEIGHT * qtf) / (1 + distance));
    if (near.length === 0) {
      // The vocabulary holds stems, which are mostly prefixes of words: a typo near the end of
      // a long word ("transfusoin") is found by completing the word's start ("transfus").
      const cuts = term.length >= MIN_TYPO_WORD ? MAX_TYPO_CUT : 0;
      for (let cut = 1; cut <= cuts && term.length - cut >= MIN_TYPO_STEM; cut++) {
        const completions = vocabulary.completions(term.slice(0, -cut));
        for (const id of completions) add(id, (FUZZY_WEIGHT * qtf) / (1 + cut));
        if (completions.length > 0) break;
      }
    }
    // An unfinished last word: complete it from its unstemmed form too ("transf" → "transfus").
    const prefixes = new Set([term]);
    if (lastWord !== undefined && analyze(lastWord).includes(term)) prefixes.add(lastWord);
    for (const prefix of prefixes) {
      for (const near of vocabulary.completions(prefix)) add(near, PREFIX_WEIGHT * qtf);
    }
  });
  return {
    terms: Array.from(weights, ([term, weight]) => ({ term, weight })),
    matched,
    typed,
    meanings,
  };
}
