import type { YearRange } from '../engine-types.ts';
import type { IndexedCorpus } from './indexed-corpus.ts';
import type { ParsedQuery } from './query-parser.ts';
import { analyze, plainWords } from './text-analysis.ts';

/**
 * Papers holding every word of a quoted phrase are checked for the words' order up to this
 * many (exact totals); beyond, only those good enough to be shown are (a common phrase in a
 * huge corpus would otherwise re-read tens of thousands of abstracts per query).
 */
export const PHRASE_CHECK_ALL = 2000;

/**
 * The filters of a query as two checks over document numbers: `accept`, cheap (years,
 * authors, and holding every word of each quoted phrase), and `verify`, the phrase's word
 * order, run only on papers good enough to be shown. Absent checks let every paper pass.
 */
export interface QueryFilter {
  accept?: (doc: number) => boolean;
  verify?: (doc: number) => boolean;
}

/** Makes the filters of queries over one corpus (author words are read once, on first use). */
export function createQueryFilter(corpus: IndexedCorpus): (query: ParsedQuery) => QueryFilter {
  const { index, paperAt } = corpus;
  // Author words are needed only by author: filters, so each paper's are made on first use.
  const authorWords: string[][] = [];
  const authorWordsOf = (doc: number): string[] =>
    (authorWords[doc] ??= plainWords(paperAt(doc).authors.join(' ')));

  return (query) => {
    const checks: Array<(doc: number) => boolean> = [];
    const year = query.year;
    if (year) checks.push((doc) => inYears(paperAt(doc).year, year));
    for (const author of query.authors) {
      const wanted = plainWords(author);
      if (wanted.length === 0) continue;
      checks.push((doc) => {
        const words = authorWordsOf(doc);
        return wanted.every((w) =>
          words.some((a) => a === w || (w.length >= 3 && a.startsWith(w))),
        );
      });
    }
    const sequences = query.phrases.map((phrase) => analyze(phrase)).filter((s) => s.length > 0);
    let holding: Set<number> | undefined;
    if (sequences.length > 0) {
      const ids = [...new Set(sequences.flat())].map((term) => index.lexicon.idOf(term));
      const found = ids.every((id) => id !== undefined)
        ? index.docsWithAll(ids as number[])
        : new Set<number>();
      holding = found;
      checks.push((doc) => found.has(doc));
    }
    const inOrder = (doc: number): boolean => {
      const text = corpus.textTerms(doc);
      return sequences.every((sequence) => containsSequence(text, sequence));
    };
    let verify: ((doc: number) => boolean) | undefined;
    if (holding !== undefined) {
      if (holding.size <= PHRASE_CHECK_ALL) {
        // Few enough to check every one: the total stays exact.
        for (const doc of holding) if (!inOrder(doc)) holding.delete(doc);
      } else {
        verify = inOrder;
      }
    }
    const accept =
      checks.length === 0 ? undefined : (doc: number) => checks.every((check) => check(doc));
    return { ...(accept ? { accept } : {}), ...(verify ? { verify } : {}) };
  };
}

function inYears(year: number | undefined, range: YearRange): boolean {
  return year !== undefined && year >= range.from && year <= range.to;
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
