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

/**
 * The name index of papers, each numbered `docOf(position)` (its position unless told
 * otherwise: a merge numbers the live papers by their document numbers).
 */
export function buildNameIndex(
  papers: readonly Pick<Paper, 'title' | 'authors'>[],
  docOf: (position: number) => number = (position) => position,
): NameIndex {
  const postings = new Map<string, number[]>();
  papers.forEach((paper, position) => {
    addNameWords(postings, paper, docOf(position));
  });
  return nameIndexOf(postings);
}

/** Adds a paper's name words to postings kept by word (documents must come in ascending order). */
export function addNameWords(
  postings: Map<string, number[]>,
  paper: Pick<Paper, 'title' | 'authors'>,
  doc: number,
): void {
  for (const word of nameWords(paper)) {
    const list = postings.get(word);
    if (list) list.push(doc);
    else postings.set(word, [doc]);
  }
}

/** Postings kept by word, packed into a name index. */
export function nameIndexOf(postings: ReadonlyMap<string, readonly number[]>): NameIndex {
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

/**
 * The name index with each document renumbered by `renumber` (−1 leaves it out), e.g. removed
 * papers dropped and the rest numbered by their place among the live ones; words left without
 * papers are dropped. The order of documents must be kept by the renumbering.
 */
export function renumberNameIndex(index: NameIndex, renumber: (doc: number) => number): NameIndex {
  const words: string[] = [];
  const offsets: number[] = [0];
  const docs: number[] = [];
  index.words.forEach((word, w) => {
    const end = index.offsets[w + 1] ?? 0;
    const before = docs.length;
    for (let i = index.offsets[w] ?? 0; i < end; i++) {
      const doc = renumber(index.docs[i] ?? 0);
      if (doc >= 0) docs.push(doc);
    }
    if (docs.length === before) return;
    words.push(word);
    offsets.push(docs.length);
  });
  return { words, offsets: Uint32Array.from(offsets), docs: Uint32Array.from(docs) };
}
