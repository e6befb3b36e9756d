import { stemmer } from 'stemmer';

/**
 * Content terms of a sentence for the summarizer's similarity signals: lower-cased words,
 * function words dropped, Porter stems. Deliberately separate from the search index's analysis
 * so that tuning one never shifts the other.
 */

/** A single letter or digit beyond ASCII (surrogate pairs count as part of a word too). */
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}\uD800-\uDFFF]/u;
const ASCII_LETTERS = /^[a-z]+$/;

/** Function words and the generic vocabulary of abstracts, which say nothing about a topic. */
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each few for from ' +
    'further had has have having he her here hers him his how i if in into is it its itself just ' +
    'me more most my no nor not now of off on once only or other our ours out over own same she ' +
    'should so some such than that the their theirs them then there these they this those through ' +
    'to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours may might must shall us via thus however whether either neither within ' +
    'without upon among across per e g i etc'
  ).split(' '),
);

const stemCache = new Map<string, string>();
/** Bounds the cache's memory: abstracts share a vocabulary far smaller than this. */
const STEM_CACHE_LIMIT = 200_000;

function stemOf(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  // Porter is for English words; numbers and codes ("7b", "gpt4") stay as they are.
  const stem = word.length > 3 && ASCII_LETTERS.test(word) ? stemmer(word) : word;
  if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(word, stem);
  return stem;
}

/** Whether a UTF-16 code unit belongs to a word: ASCII letters and digits, any letter beyond ASCII. */
function isWordCode(code: number, text: string, at: number): boolean {
  if (code < 128)
    return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER_OR_DIGIT.test(text.charAt(at));
}

/**
 * The stemmed content terms of a text, in order (repeats kept), and its number of words.
 * One hand-written scan: this runs on every sentence of every summary.
 */
export function analyzeText(text: string): { terms: string[]; words: number } {
  const lower = text.toLowerCase();
  const terms: string[] = [];
  let words = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const inWord = i < lower.length && isWordCode(lower.charCodeAt(i), lower, i);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      words++;
      const word = lower.slice(start, i);
      if (!STOPWORDS.has(word)) terms.push(stemOf(word));
      start = -1;
    }
  }
  return { terms, words };
}

/** The stemmed content terms of a text, in order (repeats kept). */
export function contentTerms(text: string): string[] {
  return analyzeText(text).terms;
}
