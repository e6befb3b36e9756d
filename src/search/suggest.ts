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

function matchesOf(index: NameIndex, word: string, range: { from: number; to: number }): Matches {
  const matches: Matches = new Map();
  for (let w = range.from; w < range.to; w++) {
    const strength = index.words[w] === word ? 2 : 1;
    const end = index.offsets[w + 1] ?? 0;
    for (let i = index.offsets[w] ?? 0; i < end; i++) {
      const doc = index.docs[i] ?? 0;
      if ((matches.get(doc) ?? 0) < strength) matches.set(doc, strength);
    }
  }
  return matches;
}

/**
 * Papers whose title or authors have a word starting with every typed word ("less is m" →
 * LIMA), best first: whole-word matches before prefixes, titles that start with the first
 * word before others, then newer papers. Function words count only when nothing else is typed.
 */
export function suggestDocs(
  index: NameIndex,
  papers: readonly Paper[],
  text: string,
  limit: number,
): number[] {
  const all = Array.from(new Set(plainWords(text)));
  const content = all.filter((w) => !ENGLISH_STOPWORDS.has(w));
  const typed = content.length > 0 ? content : all;
  if (typed.length === 0 || limit <= 0) return [];
  const ranges = typed.map((word) => ({ word, ...prefixRange(index, word) }));
  if (ranges.some((r) => r.from === r.to)) return [];
  ranges.sort((a, b) => rangePostings(index, a) - rangePostings(index, b));
  const [driver, ...others] = ranges;
  if (!driver) return [];

  // Candidates: the driver's whole-word matches first, then its longer completions.
  const candidates: Matches = new Map();
  for (let w = driver.from; w < driver.to && candidates.size < MAX_SUGGEST_CANDIDATES; w++) {
    const strength = index.words[w] === driver.word ? 2 : 1;
    const end = index.offsets[w + 1] ?? 0;
    for (let i = index.offsets[w] ?? 0; i < end && candidates.size < MAX_SUGGEST_CANDIDATES; i++) {
      const doc = index.docs[i] ?? 0;
      if (!candidates.has(doc)) candidates.set(doc, strength);
    }
  }
  const narrow = others.map((r) =>
    rangePostings(index, r) <= MAX_MEMBERSHIP_POSTINGS ? matchesOf(index, r.word, r) : undefined,
  );

  const first = typed[0] ?? '';
  const scored: Array<{ doc: number; score: number }> = [];
  for (const [doc, strength] of candidates) {
    const paper = papers[doc];
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
    scored.push({ doc, score });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score || (papers[b.doc]?.year ?? 0) - (papers[a.doc]?.year ?? 0) || a.doc - b.doc,
  );
  return scored.slice(0, limit).map((c) => c.doc);
}
