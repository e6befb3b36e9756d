import type { Paper } from '../types.ts';
import { type NameIndex, nameWords, prefixRange, rangePostings } from './name-index.ts';
import { ENGLISH_STOPWORDS } from './stopwords.ts';
import { fold, plainWords } from './text-analysis.ts';

/**
 * Autocomplete must answer within Discord's deadline without deferring, whatever the corpus
 * size: candidates come from the most selective typed word only, and at most this many are
 * ranked (a one-letter prefix over a huge corpus would otherwise touch every paper).
 */
export const MAX_SUGGEST_CANDIDATES = 1000;
/**
 * Another typed word is matched through its postings when its prefix covers at most this many
 * paper–word pairs; a wider one (a single letter) is checked against each candidate's words.
 */
export const MAX_MEMBERSHIP_POSTINGS = 50_000;

/** For each paper, 2 when a word equals the typed one, 1 when a word only starts with it. */
type Matches = Map<number, number>;

/**
 * What suggestions read: name indexes in document order (a corpus that grows has a second one
 * for the papers added since its last merge), which documents are live, and their papers.
 */
export interface NameSource {
  indexes: readonly NameIndex[];
  isLive(doc: number): boolean;
  paperAt(doc: number): Paper | undefined;
}

/** A typed word and the range of words it begins in each index. */
interface WordRanges {
  word: string;
  ranges: Array<{ from: number; to: number }>;
}

/** The index and position of each word of the ranges, in word order (the first index first on ties). */
function* wordsInOrder(
  indexes: readonly NameIndex[],
  { ranges }: WordRanges,
): Generator<[NameIndex, number], void, void> {
  const at = ranges.map((range) => range.from);
  for (;;) {
    let best = -1;
    let bestWord = '';
    for (let i = 0; i < indexes.length; i++) {
      const w = at[i] ?? 0;
      if (w >= (ranges[i]?.to ?? 0)) continue;
      const word = indexes[i]?.words[w] ?? '';
      if (best < 0 || word < bestWord) {
        best = i;
        bestWord = word;
      }
    }
    if (best < 0) return;
    const w = at[best] ?? 0;
    at[best] = w + 1;
    yield [indexes[best] as NameIndex, w];
  }
}

/** Paper–word pairs the ranges cover, removed papers included: the cost of reading them. */
function postingsIn(indexes: readonly NameIndex[], { ranges }: WordRanges): number {
  let total = 0;
  indexes.forEach((index, i) => {
    const range = ranges[i];
    if (range) total += rangePostings(index, range);
  });
  return total;
}

function matchesOf(source: NameSource, typed: WordRanges): Matches {
  const matches: Matches = new Map();
  for (const [index, w] of wordsInOrder(source.indexes, typed)) {
    const strength = index.words[w] === typed.word ? 2 : 1;
    const end = index.offsets[w + 1] ?? 0;
    for (let i = index.offsets[w] ?? 0; i < end; i++) {
      const doc = index.docs[i] ?? 0;
      if (source.isLive(doc) && (matches.get(doc) ?? 0) < strength) matches.set(doc, strength);
    }
  }
  return matches;
}

/**
 * Papers whose title or authors have a word starting with every typed word ("less is m" →
 * LIMA), best first: whole-word matches before prefixes, titles that start with the first
 * word before others, then newer papers. Function words count only when nothing else is typed.
 */
export function suggestDocs(source: NameSource, text: string, limit: number): number[] {
  const { indexes, isLive, paperAt } = source;
  const all = Array.from(new Set(plainWords(text)));
  const content = all.filter((w) => !ENGLISH_STOPWORDS.has(w));
  const typed = content.length > 0 ? content : all;
  if (typed.length === 0 || limit <= 0) return [];
  const ranges: WordRanges[] = typed.map((word) => ({
    word,
    ranges: indexes.map((index) => prefixRange(index, word)),
  }));
  if (ranges.some((r) => r.ranges.every((range) => range.from === range.to))) return [];
  const cost = new Map(ranges.map((r) => [r, postingsIn(indexes, r)]));
  ranges.sort((a, b) => (cost.get(a) ?? 0) - (cost.get(b) ?? 0));
  const [driver, ...others] = ranges;
  if (!driver) return [];

  // Candidates: the driver's whole-word matches first, then its longer completions.
  const candidates: Matches = new Map();
  for (const [index, w] of wordsInOrder(indexes, driver)) {
    if (candidates.size >= MAX_SUGGEST_CANDIDATES) break;
    const strength = index.words[w] === driver.word ? 2 : 1;
    const end = index.offsets[w + 1] ?? 0;
    for (let i = index.offsets[w] ?? 0; i < end && candidates.size < MAX_SUGGEST_CANDIDATES; i++) {
      const doc = index.docs[i] ?? 0;
      if (!candidates.has(doc) && isLive(doc)) candidates.set(doc, strength);
    }
  }
  const narrow = others.map((r) =>
    (cost.get(r) ?? 0) <= MAX_MEMBERSHIP_POSTINGS ? matchesOf(source, r) : undefined,
  );

  const first = typed[0] ?? '';
  const scored: Array<{ doc: number; score: number; year: number }> = [];
  for (const [doc, strength] of candidates) {
    const paper = paperAt(doc);
    if (!paper) continue;
    let score = strength;
    let words: string[] | undefined;
    let all = true;
    for (let o = 0; o < others.length && all; o++) {
      const known = narrow[o];
      const word = others[o]?.word ?? '';
      let s: number;
      if (known) {
        s = known.get(doc) ?? 0;
      } else {
        words ??= nameWords(paper);
        s = words.includes(word) ? 2 : words.some((w) => w.startsWith(word)) ? 1 : 0;
      }
      if (s === 0) all = false;
      score += s;
    }
    if (!all) continue;
    if (fold(paper.title).startsWith(first)) score += 1;
    scored.push({ doc, score, year: paper.year ?? 0 });
  }
  scored.sort((a, b) => b.score - a.score || b.year - a.year || a.doc - b.doc);
  return scored.slice(0, limit).map((c) => c.doc);
}
