import type { Paper } from '../types.ts';
import { plainWords } from './text-analysis.ts';

/**
 * The words of titles and author names, as written (folded, not stemmed), in a sorted array
 * with the papers each appears in. Autocomplete reads it: every typed word is a prefix of a
 * word of the paper's title or authors, and a binary search finds all such words at once.
 */
export interface NameIndex {
  /** Distinct words, sorted. */
  words: string[];
  /** Papers of words[i] are docs[offsets[i] .. offsets[i + 1]), ascending. */
  offsets: Uint32Array;
  docs: Uint32Array;
}

/** The words of a paper's title and authors that autocomplete matches, function words included. */
export function nameWords(paper: Pick<Paper, 'title' | 'authors'>): string[] {
  return Array.from(new Set(plainWords(`${paper.title} ${paper.authors.join(' ')}`)));
}

export function buildNameIndex(papers: readonly Pick<Paper, 'title' | 'authors'>[]): NameIndex {
  const postings = new Map<string, number[]>();
  papers.forEach((paper, doc) => {
    for (const word of nameWords(paper)) {
      const list = postings.get(word);
      if (list) list.push(doc);
      else postings.set(word, [doc]);
    }
  });
  const words = Array.from(postings.keys()).sort();
  const offsets = new Uint32Array(words.length + 1);
  words.forEach((word, i) => {
    offsets[i + 1] = (offsets[i] ?? 0) + (postings.get(word)?.length ?? 0);
  });
  const docs = new Uint32Array(offsets[words.length] ?? 0);
  words.forEach((word, i) => {
    docs.set(postings.get(word) ?? [], offsets[i] ?? 0);
  });
  return { words, offsets, docs };
}

/** Index of the first word ≥ `key` in the sorted array. */
function lowerBound(words: readonly string[], key: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range [from, to) of words that start with `prefix`. */
export function prefixRange(index: NameIndex, prefix: string): { from: number; to: number } {
  const from = lowerBound(index.words, prefix);
  const to = lowerBound(index.words, `${prefix}\uffff`);
  return { from, to };
}

/** How many paper–word pairs a range covers: the cost of reading it. */
export function rangePostings(index: NameIndex, range: { from: number; to: number }): number {
  return (index.offsets[range.to] ?? 0) - (index.offsets[range.from] ?? 0);
}
