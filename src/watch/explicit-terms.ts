import { createQueryFilter } from '../search/query-filter.ts';
import type { ParsedQuery } from '../search/query-parser.ts';
import { intersectPostings } from '../search/scorer.ts';
import { analyze } from '../search/text-analysis.ts';
import type { CandidateIndex } from './candidate-index.ts';
import type { WatchReason, WatchTerms } from './watch-types.ts';

/**
 * The watch's own words over the day's candidates, through the engine's analysis, index, scorer
 * and query filters (the same matching as a search for them): which papers each keyword,
 * phrase and author matches, and which papers an excluded word or phrase keeps out.
 */

/**
 * A matched keyword or phrase weighs between this and 1, by its BM25 score against the best
 * match's of the day (a bare mention counts, a paper about it counts more); an author match 1.
 */
export const MATCH_FLOOR = 0.5;

export interface ExplicitMatches {
  /** The reasons of each document that matches something, by document number. */
  reasons: Map<number, WatchReason[]>;
  /** Documents an excluded word or phrase keeps out. */
  excluded: Set<number>;
}

const NO_FILTERS: ParsedQuery = { text: '', phrases: [], authors: [], arxivIds: [], dois: [] };

/** Matches the watch's terms against the candidates. */
export function matchExplicitTerms(candidates: CandidateIndex, terms: WatchTerms): ExplicitMatches {
  const { corpus } = candidates;
  const filterFor = createQueryFilter(corpus);
  const reasons = new Map<number, WatchReason[]>();
  const add = (doc: number, reason: WatchReason): void => {
    const list = reasons.get(doc);
    if (list) list.push(reason);
    else reasons.set(doc, [reason]);
  };
  const inOrder = (phrase: string): number[] => {
    const filter = filterFor({ ...NO_FILTERS, phrases: [phrase] });
    return holding(candidates, phrase).filter(
      (doc) => (filter.accept?.(doc) ?? true) && (filter.verify?.(doc) ?? true),
    );
  };

  for (const keyword of unique(terms.keywords)) {
    scored(candidates, keyword, holding(candidates, keyword), (doc, weight) =>
      add(doc, { kind: 'keyword', text: keyword, weight }),
    );
  }
  for (const phrase of unique(terms.phrases)) {
    scored(candidates, phrase, inOrder(phrase), (doc, weight) =>
      add(doc, { kind: 'phrase', text: phrase, weight }),
    );
  }
  for (const author of unique(terms.authors)) {
    const filter = filterFor({ ...NO_FILTERS, authors: [author] });
    if (!filter.accept) continue;
    for (let doc = 0; doc < candidates.papers.length; doc++) {
      if (filter.accept(doc)) add(doc, { kind: 'author', text: author, weight: 1 });
    }
  }
  const excluded = new Set<number>();
  for (const word of unique(terms.exclude)) for (const doc of inOrder(word)) excluded.add(doc);
  return { reasons, excluded };
}

function unique(texts: readonly string[]): string[] {
  return [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
}

/** Term ids of a text's words, or undefined when a word is in no candidate (nothing matches). */
function termIds(candidates: CandidateIndex, text: string): number[] | undefined {
  const ids: number[] = [];
  for (const term of new Set(analyze(text))) {
    const id = candidates.index.termIds.get(term);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  return ids.length === 0 ? undefined : ids;
}

/** The documents holding every word of a text, ascending. */
function holding(candidates: CandidateIndex, text: string): number[] {
  const ids = termIds(candidates, text);
  if (!ids) return [];
  const { docs, offsets } = candidates.index;
  const lists = ids.map((t) => docs.subarray(offsets[t] ?? 0, offsets[t + 1] ?? 0));
  return [...intersectPostings(lists)].sort((a, b) => a - b);
}

/** Each matching document with its weight: BM25 of the text's words against the best match's. */
function scored(
  candidates: CandidateIndex,
  text: string,
  docs: readonly number[],
  each: (doc: number, weight: number) => void,
): void {
  const ids = termIds(candidates, text);
  if (!ids || docs.length === 0) return;
  const scores = candidates.scorer.accumulate(ids.map((term) => ({ term, weight: 1 })));
  let best = 0;
  for (const doc of docs) best = Math.max(best, scores.scores[doc] ?? 0);
  for (const doc of docs) {
    const share = best > 0 ? (scores.scores[doc] ?? 0) / best : 1;
    each(doc, MATCH_FLOOR + (1 - MATCH_FLOOR) * share);
  }
}
