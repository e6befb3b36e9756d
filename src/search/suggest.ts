import type { Paper } from '../types.ts';
import { type NameIndex, nameWords, prefixRange, rangePostings } from './name-index.ts';
import { ENGLISH_STOPWORDS } from './stopwords.ts';
import { plainWords } from './text-analysis.ts';

/**
 * Autocomplete must answer within Discord's deadline without deferring, whatever the corpus
 * size: candidates come from the most selective typed word only, and at most this many are
 * ranked (a one-letter prefix over a huge corpus would otherwise touch every paper).
 */
export const MAX_SUGGEST_CANDIDATES = 2000;

interface Candidate {
  doc: number;
  score: number;
}

/**
 * Papers whose title or authors have a word starting with every typed word ("less is m" →
 * LIMA), best first: whole-word matches before prefixes, titles that start with the first
 * word before others, then newer papers.
 */
export function suggestDocs(
  index: NameIndex,
  papers: readonly Paper[],
  text: string,
  limit: number,
): number[] {
  const typed = Array.from(new Set(plainWords(text))).filter((w) => !ENGLISH_STOPWORDS.has(w));
  if (typed.length === 0 || limit <= 0) return [];
  const ranges = typed.map((word) => ({ word, ...prefixRange(index, word) }));
  if (ranges.some((r) => r.from === r.to)) return [];
  ranges.sort((a, b) => rangePostings(index, a) - rangePostings(index, b));
  const driver = ranges[0];
  if (!driver) return [];

  // Whole-word matches of the driver first, then its longer completions.
  const seen = new Set<number>();
  const docs: number[] = [];
  for (let w = driver.from; w < driver.to && docs.length < MAX_SUGGEST_CANDIDATES; w++) {
    const end = index.offsets[w + 1] ?? 0;
    for (let i = index.offsets[w] ?? 0; i < end && docs.length < MAX_SUGGEST_CANDIDATES; i++) {
      const doc = index.docs[i] ?? 0;
      if (!seen.has(doc)) {
        seen.add(doc);
        docs.push(doc);
      }
    }
  }

  const first = typed[0] ?? '';
  const candidates: Candidate[] = [];
  for (const doc of docs) {
    const paper = papers[doc];
    if (!paper) continue;
    const words = nameWords(paper);
    let score = 0;
    let all = true;
    for (const t of typed) {
      if (words.includes(t)) score += 2;
      else if (words.some((w) => w.startsWith(t))) score += 1;
      else {
        all = false;
        break;
      }
    }
    if (!all) continue;
    if (plainWords(paper.title)[0]?.startsWith(first)) score += 1;
    candidates.push({ doc, score });
  }
  candidates.sort(
    (a, b) =>
      b.score - a.score || (papers[b.doc]?.year ?? 0) - (papers[a.doc]?.year ?? 0) || a.doc - b.doc,
  );
  return candidates.slice(0, limit).map((c) => c.doc);
}
