import type { SearchHit } from '../engine-types.ts';
import type { Paper } from '../types.ts';
import { clampInt, type IndexedCorpus } from './indexed-corpus.ts';
import { heaviestTerms } from './lexicon.ts';
import { topK, type WeightedTerm } from './scorer.ts';
import { makeSnippet } from './snippet.ts';
import { analyze } from './text-analysis.ts';

/** Distinctive terms of a paper used to find similar ones. */
export const SIMILAR_TERMS = 25;
/** Similar papers given unless asked otherwise. */
export const DEFAULT_SIMILAR = 5;

/**
 * Papers sharing the paper's distinctive terms (frequent in it, rare in the corpus: tf × idf,
 * the title counted twice), best first, the paper itself excluded.
 */
export function similarPapers(
  corpus: IndexedCorpus,
  paper: Paper,
  limit = DEFAULT_SIMILAR,
): SearchHit[] {
  const { lexicon, accumulate } = corpus.index;
  const { paperAt } = corpus;
  const self = corpus.directory.find(paper.id);
  const counts = new Map<string, number>();
  for (const term of analyze(`${paper.title}\n${paper.title}\n${paper.abstract}`)) {
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const distinctive: WeightedTerm[] = [];
  for (const [term, tf] of counts) {
    const id = lexicon.idOf(term);
    if (id === undefined) continue;
    distinctive.push({ term: id, weight: (1 + Math.log(tf)) * lexicon.idf(id) });
  }
  const top = heaviestTerms(lexicon, distinctive, SIMILAR_TERMS);
  const norm = top[0]?.weight ?? 1;
  const terms = top.map((t) => ({ term: t.term, weight: t.weight / norm }));
  const matched = new Set(top.map((t) => lexicon.terms[t.term] ?? ''));
  const ranked = topK(
    accumulate(terms),
    clampInt(limit, 0, 100),
    (doc) => doc !== self && paperAt(doc).id !== paper.id,
  );
  return ranked.docs.map((doc, i) => {
    const hit = paperAt(doc);
    return {
      paper: hit,
      score: ranked.scores[i] ?? 0,
      snippet: makeSnippet(hit.abstract || hit.title, (t) => matched.has(t)),
    };
  });
}
