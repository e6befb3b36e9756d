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

/** Where a sentence may be cut into phrases: commas, semicolons and dashes. */
const BOUNDARY = /,\s+|;\s+|\s+(?:--|\u2014|\u2013)\s+/g;

/** How a main clause may begin once a leading phrase is gone: in the authors' voice. */
const CLAUSE_START = /^(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|article|study))\b/;

/** A sentence cut to stand alone keeps at least this many words. */
const MIN_KEPT_WORDS = 8;

const wordCount = (text: string): number => text.split(/\s+/).filter((w) => w !== '').length;

/**
 * The sentence without the phrase that holds its backward reference, when what remains is a
 * sentence of its own: a leading phrase goes when a main clause follows it ("Using this web app
 * we build X" → "We build X"; "While common methods represent this history with an RNN, we
 * propose …" → "We propose …"), a trailing one when enough comes before it ("We propose X, which
 * extends this idea" → "We propose X."). Returns undefined when no cut leaves such a sentence.
 */
export function cutLeaningPhrase(
  sentence: string,
  earlier: ReadonlySet<string>,
): string | undefined {
  const opening = LEANING_OPENING.exec(sentence);
  if (opening !== null && unresolvedReference(opening[0], earlier) !== undefined) {
    const rest = sentence.slice(opening[0].length);
    if (standsAlone(rest, earlier)) return capitalise(rest);
  }
  const purpose = LEANING_PURPOSE.exec(sentence);
  if (purpose !== null && unresolvedReference(purpose[0], earlier) !== undefined) {
    const rest =
      sentence.slice(0, purpose.index) + sentence.slice(purpose.index + purpose[0].length);
    if (standsAlone(rest, earlier)) return rest;
  }
  const cuts = [...sentence.matchAll(BOUNDARY)].map((m) => ({
    at: m.index,
    end: m.index + m[0].length,
  }));
  // Leading phrases: drop everything up to a boundary once the reference lies before it.
  for (const cut of cuts) {
    if (unresolvedReference(sentence.slice(0, cut.at), earlier) === undefined) continue;
    const rest = sentence
      .slice(cut.end)
      .replace(/^(?:where|and|then|so|thus|hence|in this (?:paper|work))\s+(?=we\b)/i, '');
    if (CLAUSE_START.test(rest) && standsAlone(rest, earlier)) return capitalise(rest);
    break;
  }
  // Trailing phrases: keep what comes before the first boundary past which the reference lies,
  // when a clause of its own follows the boundary and the head is a main clause.
  if (SUBORDINATE_START.test(sentence)) return undefined;
  for (let k = cuts.length - 1; k >= 0; k--) {
    if (!TRAILING_CLAUSE.test(sentence.slice(cuts[k]!.end))) continue;
    const head = sentence.slice(0, cuts[k]!.at);
    if (unresolvedReference(head, earlier) !== undefined) continue;
    if (k === cuts.length - 1 && unresolvedReference(sentence, earlier) === undefined)
      return undefined;
    return wordCount(head) >= MIN_KEPT_WORDS ? `${head.replace(/[,;:]$/, '')}.` : undefined;
  }
  return undefined;
}

function standsAlone(text: string, earlier: ReadonlySet<string>): boolean {
  return wordCount(text) >= MIN_KEPT_WORDS && unresolvedReference(text, earlier) === undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A sentence opening with a subordinate clause: its head alone is no sentence. */
const SUBORDINATE_START =
  /^(?:as|while|although|though|because|since|if|when|whereas|unlike|following|given|after|before|once)\b/i;

/** What may follow a boundary for the part after it to be cut: a clause, not a list item. */
const TRAILING_CLAUSE = /^(?:which|where|and|but|while|whereas|thus|hence|so|thereby|[a-z]+ing)\b/;

/**
 * A purpose phrase aimed at a problem stated before: "for tackling such challenging tasks",
 * "to bridge this gap". The sentence says what was done without it.
 */
const LEANING_PURPOSE =
  /(?<![,]|\band)\s+(?:to|for|in order to)\s+(?:address|tackl|solv|overcom|bridg|fill|handl|mitigat|alleviat|remed|resolv|fix|circumvent|avoid|bypass|clos)\w*\s+(?:this|these|those|such|the above)\b[^,;:()]*?(?=\s+by\b|\s*[,;:]|\s*[.!?]?$)/i;

/** An opening adjunct ending where "we" begins the main clause, comma or not. */
const LEANING_OPENING =
  /^(?:using|with|by|from|on|given|via|through|leveraging|building on|based on|to|for|in|after|motivated by|inspired by)\b[^,;:.]{0,80}?(?:,\s*|\s+)(?=we\b)/i;
