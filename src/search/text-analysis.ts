import { stemmer } from 'stemmer';
import { ENGLISH_STOPWORDS } from './stopwords.ts';

/**
 * One analysis for documents and queries alike: lower case, accents folded, words split on
 * anything that is not a letter or digit (hyphenated words also kept joined, so "Pick-a-Pic"
 * matches "pickapic"), English stopwords dropped, Porter stems.
 */

/** A word of the original text with where it stands, for snippets. */
export interface WordSpan {
  /** Start and end offsets in the original text. */
  start: number;
  end: number;
  /** Index terms the word yields (its stem; hyphenated words also their parts). */
  terms: readonly string[];
}

const WORD = /[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const ASCII_LETTERS = /^[a-z]+$/;

/** Stems are cached: a corpus has far fewer distinct words than words. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 1_000_000;

/** Lower-cased, accent-free form of a word or text. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Fast path: plain ASCII needs no Unicode normalisation.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the ASCII test itself
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFKD').replace(COMBINING_MARKS, '');
}

/** The index term of one folded word, or undefined for a stopword. */
export function termOf(word: string): string | undefined {
  if (ENGLISH_STOPWORDS.has(word)) return undefined;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  // Porter is for English words; numbers, codes and mixed tokens ("7b", "gpt4") stay as they are.
  const term = ASCII_LETTERS.test(word) && word.length > 2 ? stemmer(word) : word;
  if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(word, term);
  return term;
}

function wordTerms(folded: string, out: string[]): void {
  if (!/['’\-‐]/.test(folded)) {
    const term = termOf(folded);
    if (term !== undefined) out.push(term);
    return;
  }
  // "model's" → "model"; "zero-shot" → "zero", "shot", "zeroshot".
  const base = folded.replace(/['’](?:s|t|re|ve|ll|d|m)$/u, '');
  const parts = base.split(/['’\-‐]/u).filter((p) => p !== '');
  for (const part of parts) {
    const term = termOf(part);
    if (term !== undefined) out.push(term);
  }
  if (parts.length > 1) {
    const joined = termOf(parts.join(''));
    if (joined !== undefined) out.push(joined);
  }
}

/** The terms of each word as it appears in text, cached: most words of a corpus repeat. */
const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 2_000_000;
const NO_TERMS: readonly string[] = [];

/** The index terms of one word as written (any case, accents). */
export function termsOfWord(word: string): readonly string[] {
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const out: string[] = [];
  wordTerms(fold(word), out);
  const terms = out.length === 0 ? NO_TERMS : out;
  if (wordCache.size < WORD_CACHE_LIMIT) wordCache.set(word, terms);
  return terms;
}

/** The index terms of a text, in order, repeated as often as they occur. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const terms = termsOfWord(match[0]);
    for (let i = 0; i < terms.length; i++) out.push(terms[i] as string);
  }
  return out;
}

/**
 * The words of a text with their offsets and terms, for marking matches in snippets.
 * Offsets refer to the original text (folding keeps lengths for ASCII; other text is
 * folded word by word).
 */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const end = match.index + match[0].length;
    spans.push({ start: match.index, end, terms: termsOfWord(match[0]) });
  }
  return spans;
}

/** Folded words of a name or phrase, stopwords kept (for author filters and titles). */
export function plainWords(text: string): string[] {
  return Array.from(fold(text).matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);
}
