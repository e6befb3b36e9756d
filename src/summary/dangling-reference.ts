import { contentTerms } from './summary-terms.ts';

/**
 * References that lean on an earlier sentence: "this data", "these two stages", "such
 * datasets", "our baseline" (when the baseline was introduced before), or a sentence that opens
 * with "It …" or "They …". A TL;DR is read alone, so a sentence holding one cannot be it as
 * written. Rules over words, not a parser: abstracts use a small set of these constructions.
 */

/** Nouns after "this" that name the paper itself, so "this paper" leans on nothing. */
const SELF_NOUNS = new Set([
  'paper',
  'work',
  'article',
  'study',
  'note',
  'letter',
  'thesis',
  'manuscript',
  'submission',
  'chapter',
  'report',
  'abstract',
  'talk',
  'position',
]);

/** Words that point back by themselves at the start of a sentence. */
const LEADING_PRONOUNS = new Set(['it', 'its', 'they', 'their', 'them', 'this', 'these', 'those']);

/** Determiners that make the noun after them refer back: "this method", "these results". */
const DEMONSTRATIVES = new Set(['this', 'these', 'those', 'such']);

/** After "such", these words start a list or a result clause, not a reference ("such as"). */
const NOT_AFTER_SUCH = new Set(['as', 'that', 'a', 'an']);

/** Phrases that refer back however they are followed. */
const BACK_PHRASES =
  /\b(?:the (?:former|latter|above|aforementioned)|(?:above|aforementioned)-mentioned)\b/i;

/** Words of a sentence with where each starts; punctuation ends a noun phrase. */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*|[,;:()[\]]/gu;

/** How many words after "our" are read for a noun introduced earlier ("our simple baseline"). */
const OUR_WINDOW = 2;

/**
 * The phrase in `sentence` that refers to something said before it, or undefined when the
 * sentence stands alone. `earlier` holds the stemmed content terms of the sentences before it
 * (see `contentTerms`); for an abstract's first sentence it is empty and nothing can lean back.
 */
export function unresolvedReference(
  sentence: string,
  earlier: ReadonlySet<string>,
): string | undefined {
  if (earlier.size === 0) return undefined;
  const tokens = sentence.match(TOKEN) ?? [];
  const lower = tokens.map((t) => t.toLowerCase());
  const first = lower[0];
  if (first !== undefined && LEADING_PRONOUNS.has(first) && !SELF_NOUNS.has(lower[1] ?? '')) {
    return tokens.slice(0, 2).join(' ');
  }
  const back = BACK_PHRASES.exec(sentence);
  if (back !== null) return back[0];
  for (let i = 0; i < lower.length - 1; i++) {
    const word = lower[i]!;
    const next = lower[i + 1]!;
    if (!/^[\p{L}\p{N}]/u.test(next)) continue;
    if (DEMONSTRATIVES.has(word)) {
      if (SELF_NOUNS.has(next) || (word === 'such' && NOT_AFTER_SUCH.has(next))) continue;
      // "… a sequence of vectors … from these vectors": the antecedent is in the sentence.
      if (namedBefore(lower, i, lower[i + 2])) continue;
      return `${tokens[i]} ${tokens[i + 1]}`;
    }
    if (word === 'our') {
      const noun = introducedNoun(tokens, i + 1, earlier);
      if (noun !== undefined) return `${tokens[i]} ${noun}`;
    }
  }
  return undefined;
}

/** Whether the noun after a demonstrative (the next word or the one after it) occurs before it. */
function namedBefore(lower: readonly string[], at: number, afterNext: string | undefined): boolean {
  const before = new Set(contentTerms(lower.slice(0, at).join(' ')));
  const candidates = contentTerms(`${lower[at + 1]} ${afterNext ?? ''}`);
  return candidates.some((term) => before.has(term));
}

/**
 * The words after "our" up to a noun the abstract introduced before ("our baseline" after "we
 * define a baseline"), or undefined. A name among them ("our Transfusion recipe") resolves it.
 */
function introducedNoun(
  tokens: readonly string[],
  from: number,
  earlier: ReadonlySet<string>,
): string | undefined {
  for (let j = from; j < Math.min(tokens.length, from + OUR_WINDOW); j++) {
    const token = tokens[j]!;
    if (!/^\p{Ll}/u.test(token)) return undefined;
    const [term] = contentTerms(token);
    if (term !== undefined && earlier.has(term)) return tokens.slice(from, j + 1).join(' ');
  }
  return undefined;
}

/**
 * A leading phrase that holds the reference and can go, leaving a sentence that stands:
 * "Using this web app we build X" → "We build X"; "To test this conjecture, we define …" →
 * "We define …". Returns the shortened sentence, or undefined when there is no such phrase.
 */
export function dropLeaningOpening(
  sentence: string,
  earlier: ReadonlySet<string>,
): string | undefined {
  const match = LEANING_OPENING.exec(sentence);
  if (match === null) return undefined;
  const opening = match[0];
  if (unresolvedReference(opening, earlier) === undefined) return undefined;
  const rest = sentence.slice(opening.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** An opening adjunct of at most eight words ending where "we" begins the main clause. */
const LEANING_OPENING =
  /^(?:using|with|by|from|on|given|via|through|leveraging|building on|based on|to|for|in|after|motivated by|inspired by)\b[^,;:.]{0,80}?(?:,\s*|\s+)(?=we\b)/i;
