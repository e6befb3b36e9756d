import type { SearchHit, SearchOptions, SearchResult, YearRange } from '../engine-types.ts';
import { ShammieError } from '../errors.ts';
import { clampInt, type IndexedCorpus } from './indexed-corpus.ts';
import type { QueryFilter } from './query-filter.ts';
import { hasContent, type ParsedQuery, parseQuery, parseYearRange } from './query-parser.ts';
import { rankText } from './rank-text.ts';
import type { RankedDocs } from './scorer.ts';
import { makeSnippet } from './snippet.ts';

/** Hits per search unless asked otherwise. */
export const DEFAULT_SEARCH_LIMIT = 10;

/** A search over one corpus, as `Engine.search`. */
export type Search = (raw: string, options?: SearchOptions) => SearchResult;

/**
 * The engine's ranked search: papers named exactly (arXiv id, DOI, whole title) first, then
 * the BM25F ranking of the free text (run again with feedback terms when the query is long),
 * or, for a query of filters alone, every passing paper newest first.
 */
export function createSearch(
  corpus: IndexedCorpus,
  filterOf: (query: ParsedQuery) => QueryFilter,
): Search {
  const { directory, paperAt } = corpus;

  return (raw, options = {}) => {
    const limit = clampInt(options.limit ?? DEFAULT_SEARCH_LIMIT, 0, 1000);
    const offset = clampInt(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const query = parseQuery(raw);
    if (options.author) query.authors.push(options.author);
    if (options.year !== undefined) query.year = yearOption(options.year);
    if (!hasContent(query)) {
      throw new ShammieError('EMPTY_QUERY', 'Type a few words to search for, e.g. “long context”.');
    }
    const { accept, verify } = filterOf(query);
    const passes = (doc: number): boolean => (!accept || accept(doc)) && (!verify || verify(doc));
    const cheap = (doc: number): boolean => !accept || accept(doc);

    // Papers named exactly (arXiv id, URL, DOI, or the whole title) come first.
    const pinned: number[] = [];
    const pin = (doc: number | undefined): void => {
      if (doc !== undefined && !pinned.includes(doc) && passes(doc)) pinned.push(doc);
    };
    for (const id of query.arxivIds) pin(directory.byArxiv(id));
    for (const doi of query.dois) pin(directory.byDoi(doi));
    if (query.text !== '') pin(directory.byTitle(query.text));

    const keep = (doc: number): boolean => !pinned.includes(doc) && cheap(doc);
    const text = rankText(corpus.rankable, query.text, offset + limit, { accept: keep, verify });
    const terms = text.terms;
    let ranked: RankedDocs = text.ranked;
    if (
      terms.terms.length === 0 &&
      query.text === '' &&
      query.phrases.length === 0 &&
      query.arxivIds.length + query.dois.length === 0
    ) {
      ranked = listByYear(corpus, accept, offset + limit, pinned);
    }
    const docs = [...pinned, ...ranked.docs].slice(offset, offset + limit);
    const topScore = (ranked.scores[0] ?? 0) + 1;
    const isMatch = (term: string): boolean => terms.matched.has(term);
    const hits: SearchHit[] = docs.map((doc) => {
      const p = pinned.indexOf(doc);
      const paper = paperAt(doc);
      const score =
        p >= 0 ? topScore + (pinned.length - p) : (ranked.scores[ranked.docs.indexOf(doc)] ?? 0);
      return { paper, score, snippet: makeSnippet(paper.abstract || paper.title, isMatch) };
    });
    return { total: pinned.length + ranked.total, hits, offset, limit };
  };
}

/** Filter-only queries ("year:2023"): every passing paper, newest first. */
function listByYear(
  corpus: IndexedCorpus,
  accept: ((doc: number) => boolean) | undefined,
  k: number,
  pinned: readonly number[],
): RankedDocs {
  const all: number[] = [];
  for (const doc of corpus.index.liveDocs()) {
    if (!pinned.includes(doc) && (!accept || accept(doc))) all.push(doc);
  }
  all.sort((a, b) => (corpus.paperAt(b).year ?? 0) - (corpus.paperAt(a).year ?? 0) || a - b);
  const docs = all.slice(0, k);
  return { docs, scores: docs.map(() => 0), total: all.length };
}

function yearOption(year: number | string | YearRange): YearRange {
  if (typeof year === 'object') return year;
  const range = parseYearRange(String(year));
  if (!range) {
    throw new ShammieError('BAD_ARGUMENT', `“${year}” is not a year. Try 2023 or 2023..2024.`);
  }
  return range;
}
