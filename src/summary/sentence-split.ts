/**
 * A sentence splitter tuned for scientific abstracts: it breaks only at whitespace that follows
 * a terminator (`.`, `?`, `!`, `…`), so decimals ("1.70"), multipliers ("3.5x"), URLs and
 * dotted names never split, and it knows the abbreviations papers use ("e.g.", "et al.",
 * "Fig. 2", "vs.") and personal initials ("J. Smith").
 *
 * Work is one linear scan plus a constant look around each candidate, so any input size is safe.
 */

/** Abbreviations after which a period never ends a sentence (lower-cased, without the period). */
const NEVER_FINAL = new Set([
  'al',
  'approx',
  'ca',
  'cf',
  'co',
  'corp',
  'def',
  'dept',
  'dr',
  'e.g',
  'eq',
  'eqn',
  'eqns',
  'eqs',
  'esp',
  'fig',
  'figs',
  'i.e',
  'inc',
  'incl',
  'jr',
  'lem',
  'ltd',
  'mr',
  'mrs',
  'ms',
  'prof',
  'resp',
  'sec',
  'sect',
  'secs',
  'sr',
  'st',
  'tab',
  'thm',
  'univ',
  'viz',
  'vol',
  'vs',
  'w.r.t',
]);

/** Abbreviations that end no sentence when a number follows ("No. 5", "pp. 12"), but may otherwise. */
const BEFORE_NUMBER = new Set(['ch', 'chap', 'no', 'nos', 'p', 'pp', 'ref', 'refs', 'sec', 'art']);

/**
 * Words that begin sentences far more often than they follow an initial or an acronym: after
 * "model B." or "in the U.S.", one of these means a new sentence after all.
 */
const SENTENCE_OPENERS = new Set([
  'a',
  'additionally',
  'all',
  'also',
  'an',
  'are',
  'as',
  'based',
  'both',
  'but',
  'by',
  'can',
  'consequently',
  'could',
  'do',
  'does',
  'each',
  'experiments',
  'finally',
  'first',
  'for',
  'furthermore',
  'given',
  'here',
  'how',
  'however',
  'in',
  'is',
  'it',
  'its',
  'many',
  'moreover',
  'most',
  'on',
  'one',
  'our',
  'results',
  'second',
  'several',
  'should',
  'some',
  'specifically',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'this',
  'those',
  'three',
  'thus',
  'to',
  'two',
  'unlike',
  'using',
  'we',
  'what',
  'when',
  'where',
  'which',
  'while',
  'who',
  'why',
  'will',
  'with',
  'would',
]);

/** Characters that may close a sentence after its terminator: quotes and brackets. */
const CLOSERS = new Set(['"', "'", ')', ']', '}', '\u201d', '\u2019', '\u00bb']);

/** Characters that may open a sentence before its first word. */
const OPENERS = new Set(['"', "'", '(', '[', '{', '\u201c', '\u2018', '\u00ab']);

/** Leading characters stripped from the word before a period: "(e.g." is "e.g". */
const LEADING_PUNCT = /^[("'[{\u201c\u2018\u00ab]+/;

/** "U.S", "e.g", "w.r.t": letters joined by periods. */
const DOTTED_LETTERS = /^(?:\p{L}\.)+\p{L}$/u;

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028;
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** The word that ends at `end` (exclusive), back to the previous whitespace. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start--;
  return text.slice(start, end);
}

/** The word that starts at `start`, up to whitespace or punctuation, lower-cased. */
function wordAfter(text: string, start: number): string {
  let end = start;
  while (end < text.length && end - start < 20) {
    const ch = text[end]!;
    if (!(isLower(ch) || isUpper(ch))) break;
    end++;
  }
  return text.slice(start, end).toLowerCase();
}

/**
 * Whether the period at `dot`, followed by whitespace and then the sentence-like text at `next`,
 * ends a sentence.
 */
function periodEndsSentence(text: string, dot: number, next: number): boolean {
  const nextChar = text[next]!;
  // A sentence does not begin in lower case ("approx. two", "et al. show").
  if (isLower(nextChar)) return false;
  const raw = wordBefore(text, dot);
  if (raw.length === 0) return true;
  const word = raw.replace(LEADING_PUNCT, '').toLowerCase();
  if (NEVER_FINAL.has(word)) return false;
  if (BEFORE_NUMBER.has(word) && (isDigit(nextChar) || nextChar === '(')) return false;
  const opener = SENTENCE_OPENERS.has(wordAfter(text, next));
  // "J. Smith" and "U.S. Army": an initial or a dotted acronym, unless a typical sentence opener follows.
  const bare = raw.replace(LEADING_PUNCT, '');
  if (bare.length === 1 && isUpper(bare)) return opener;
  if (DOTTED_LETTERS.test(bare)) return opener;
  return true;
}

/**
 * Splits text into sentences. Pieces are trimmed and never empty; concatenated, they hold
 * exactly the input's non-whitespace characters in order. Never throws. With a `limit`, only
 * the first `limit` sentences are returned and the text after them is not read.
 */
export function splitSentences(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  if (!(limit >= 1)) return out;
  const n = text.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (ch !== '.' && ch !== '?' && ch !== '!' && ch !== '\u2026') {
      i++;
      continue;
    }
    const terminator = i;
    // Runs of terminators ("?!", "...") and closing quotes or brackets stay with the sentence.
    let end = i + 1;
    while (end < n && (text[end] === '.' || text[end] === '?' || text[end] === '!')) end++;
    const singlePeriod = ch === '.' && end === terminator + 1;
    while (end < n && CLOSERS.has(text[end]!)) end++;
    if (end < n && !isSpace(text.charCodeAt(end))) {
      i = end;
      continue;
    }
    let next = end;
    while (next < n && isSpace(text.charCodeAt(next))) next++;
    if (next >= n) break;
    let firstWord = next;
    while (firstWord < n - 1 && OPENERS.has(text[firstWord]!)) firstWord++;
    // A lone period needs the abbreviation checks; "?", "!" and ellipses end a sentence unless
    // the text runs on in lower case ("a, b, ... z").
    const breaks = singlePeriod
      ? periodEndsSentence(text, terminator, firstWord)
      : !isLower(text[firstWord]!);
    if (breaks) {
      pushTrimmed(out, text, start, end);
      start = next;
      if (out.length >= limit) return out;
    }
    i = next;
  }
  if (out.length < limit) pushTrimmed(out, text, start, n);
  return out;
}

function pushTrimmed(out: string[], text: string, from: number, to: number): void {
  const piece = text.slice(from, to).trim();
  if (piece.length > 0) out.push(piece);
}
