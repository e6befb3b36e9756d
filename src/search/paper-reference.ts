import type { Paper } from '../types.ts';
import { analyze, termsOfWord } from './text-analysis.ts';

/**
 * When does a typed reference name one paper? Ranking alone cannot say: the best match of
 * "no such paper zzzz" is whichever abstract says "this paper". A reference names a paper when
 * the paper's identity — its title, authors, year and the coined names it uses (LIMA,
 * PickScore, BSM) — holds every word of it, no other candidate's identity does, and the words
 * are specific: a name, or several words rare enough together (see {@link SPECIFIC_SHARE}). A
 * single ordinary word ("scaling", "alignment") is a topic even when one title holds it, and a
 * word that is in no identity ("paper", "zzzz") names nothing.
 */

/**
 * Several ordinary words name a paper only when, by their rarity in the whole corpus, they
 * carry at least this share of the information that singles out one paper among N:
 * Σ ln(N / df) ≥ share × ln N. Put otherwise: were the words independent, at most N^(1 − share)
 * papers would use them all (about 2 of 10, 9 of 7,000), and one title holding them all then
 * settles it. "Less is more for alignment" passes; "large language models" among papers about
 * large language models does not.
 */
export const SPECIFIC_SHARE = 0.75;
/**
 * A typo correction counts towards naming a paper only for words at least this long: one
 * changed letter in a shorter word ("zzzz" → "zzz", "limo" → "lima") is a different word.
 */
export const MIN_CORRECTED_LENGTH = 5;

/**
 * Words that say what kind of thing a reference is rather than which one: "the LIMA paper",
 * "Megalodon model", "the ZeroSCROLLS benchmark". Beside other words they are left out when
 * matching a paper's identity, as "et al." is; alone ("paper", "model") they name nothing.
 */
export const KIND_WORDS = [
  'paper',
  'papers',
  'article',
  'preprint',
  'publication',
  'manuscript',
  'study',
  'work',
  'model',
  'models',
  'benchmark',
  'dataset',
  'method',
] as const;

const KIND_TERMS: ReadonlySet<string> = new Set(KIND_WORDS.flatMap((word) => analyze(word)));

/** A prefix that forces the reading of a reference. */
export const PAPER_PREFIX = 'paper:';
export const TOPIC_PREFIX = 'topic:';

/** How a reference is to be read: as a paper, as a topic, or whichever it names. */
export type ReferenceIntent = 'paper' | 'topic' | 'either';

/** A reference with its forcing prefix (if any) taken off. */
export interface Reference {
  intent: ReferenceIntent;
  text: string;
}

/** Reads `paper:REF` (the best-matching paper, whatever the words) and `topic:REF` (a digest). */
export function readReference(ref: string): Reference {
  const text = ref.trim();
  const lower = text.toLowerCase();
  if (lower.startsWith(PAPER_PREFIX)) {
    return { intent: 'paper', text: text.slice(PAPER_PREFIX.length).trim() };
  }
  if (lower.startsWith(TOPIC_PREFIX)) {
    return { intent: 'topic', text: text.slice(TOPIC_PREFIX.length).trim() };
  }
  return { intent: 'either', text };
}

/** "Levy et al. 2023": the citation's "et al." says nothing about which paper. */
export function withoutCitationFiller(text: string): string {
  return text.replace(/\bet\.?\s+al\b\.?/giu, ' ');
}

/** What identifies a paper, as index terms. */
export interface PaperIdentity {
  /** Every identifying term: title, authors, year, coined names in the abstract. */
  words: ReadonlySet<string>;
  /** The terms that are names by themselves: authors, coined names, a one-word short name. */
  names: ReadonlySet<string>;
}

const WORD = /[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu;

/**
 * A coined name, by its shape: capitals inside a word (PickScore, ZeroSCROLLS), two or more
 * capitals and no small letters (LIMA, BSM), or letters and digits together (GPT4, T5).
 * Ordinary words are written in small letters in an abstract, so their shape tells them apart.
 */
export function looksCoined(word: string): boolean {
  // Parts of a hyphenated word are judged alone: title case makes "Self-Alignment" look coined.
  return word.split(/['’\-‐]/u).some(coinedPart);
}

function coinedPart(letters: string): boolean {
  if (/\p{Ll}\p{Lu}/u.test(letters)) return true;
  if (!/\p{Ll}/u.test(letters) && (letters.match(/\p{Lu}/gu)?.length ?? 0) >= 2) return true;
  return /\p{L}/u.test(letters) && /\p{N}/u.test(letters);
}

/**
 * The short name a title opens with: "Megalodon: Efficient …" → "Megalodon", "Keep Guessing?
 * When …" → "Keep Guessing". Undefined when the title has no such head.
 */
export function shortName(title: string): string | undefined {
  // Found by index, not by one pattern: a lazy pattern backtracks quadratically on long spaces.
  const end = title.search(/[:?]/);
  if (end <= 0) return undefined;
  const rest = title.slice(end + 1);
  if (!/^\s/.test(rest) || rest.trim() === '') return undefined;
  const head = title.slice(0, end).trim();
  return head === '' ? undefined : head;
}

/** The identifying terms of a paper. */
export function paperIdentity(paper: Pick<Paper, 'title' | 'authors' | 'abstract' | 'year'>) {
  const words = new Set<string>();
  const names = new Set<string>();
  const add = (terms: readonly string[], asNames: boolean): void => {
    for (const term of terms) {
      words.add(term);
      if (asNames) names.add(term);
    }
  };
  add(analyze(paper.title), false);
  add(analyze(paper.authors.join(' ; ')), true);
  if (paper.year !== undefined) add([String(paper.year)], false);
  for (const text of [paper.title, paper.abstract]) {
    // Text written all in capitals says nothing by its shape.
    if (!/\p{Ll}/u.test(text)) continue;
    for (const match of text.matchAll(WORD)) addCoined(match[0], add);
  }
  // A one-word short name is a name (Megalodon, Transfusion); of a hyphenated one
  // (Pick-a-Pic) only the joined form is: "pick" alone is an ordinary word.
  const head = shortName(paper.title);
  const headWords = head?.match(WORD);
  if (headWords?.length === 1 && headWords[0] !== undefined) {
    const terms = termsOfWord(headWords[0]);
    const joined = terms[terms.length - 1];
    if (joined !== undefined) add([joined], true);
  }
  return { words, names } satisfies PaperIdentity;
}

/**
 * The terms of a word's coined parts, and of the whole hyphenated word when one part is coined
 * ("GPT-4" → gpt, 4, gpt4), never its ordinary parts ("Nrf2-protein" gives no "protein").
 */
function addCoined(word: string, add: (terms: readonly string[], asNames: boolean) => void): void {
  const parts = word.split(/['’\-‐]/u);
  let coined = false;
  for (const part of parts) {
    if (!coinedPart(part)) continue;
    coined = true;
    add(termsOfWord(part), true);
  }
  if (coined && parts.length > 1) {
    const terms = termsOfWord(word);
    const joined = terms[terms.length - 1];
    if (joined !== undefined) add([joined], true);
  }
}

/** The typed terms of a reference and, for each, the index terms that stand for it. */
export interface TypedTerms {
  typed: readonly string[];
  meanings: ReadonlyMap<string, ReadonlySet<string>>;
}

/** How common each term is in the whole corpus. */
export interface Rarity {
  docCount: number;
  /** Papers using the term anywhere (title, authors or abstract). */
  frequency(term: string): number;
}

/** The paper a reference names among ranked candidates, and the candidates it comes near. */
export interface NamedCandidate {
  /** The candidate the reference names, if it names one. */
  named?: number;
  /** Candidates whose identity holds at least one typed term, best first: suggestions. */
  near: number[];
}

/**
 * Picks the candidate (best first) that the typed terms name: its identity holds every term,
 * no other candidate's does, and the terms include a name or are several. When several hold
 * them all, one that holds every term as a name wins over those that hold them as ordinary
 * words ("transfusoin": the paper called Transfusion, not the ones about blood transfusion).
 */
export function nameAmong(
  candidates: readonly number[],
  typed: TypedTerms,
  identityOf: (doc: number) => PaperIdentity,
  rarity: Rarity,
): NamedCandidate {
  const query = withoutKindWords(typed);
  const near: number[] = [];
  const holders: number[] = [];
  const nameHolders: number[] = [];
  const identities = new Map<number, PaperIdentity>();
  for (const doc of candidates) {
    const identity = identityOf(doc);
    identities.set(doc, identity);
    const held = query.typed.filter((term) => heldBy(query, term, identity.words).length > 0);
    if (held.length > 0) near.push(doc);
    if (held.length < query.typed.length) continue;
    holders.push(doc);
    if (query.typed.every((term) => heldBy(query, term, identity.names).length > 0)) {
      nameHolders.push(doc);
    }
  }
  const only = holders.length === 1 ? holders[0] : undefined;
  if (only !== undefined) {
    const identity = identities.get(only) ?? identityOf(only);
    return isSpecific(query, identity, rarity) ? { named: only, near } : { near };
  }
  const named = nameHolders.length === 1 ? nameHolders[0] : undefined;
  return named === undefined ? { near } : { named, near };
}

/** The typed terms less the kind words ("paper", "model"), unless nothing else was typed. */
function withoutKindWords(query: TypedTerms): TypedTerms {
  const kept = query.typed.filter((term) => !KIND_TERMS.has(term));
  return kept.length === 0 || kept.length === query.typed.length
    ? query
    : { typed: kept, meanings: query.meanings };
}

/** A name of the paper among the terms, or several terms rare enough together. */
function isSpecific(query: TypedTerms, identity: PaperIdentity, rarity: Rarity): boolean {
  if (query.typed.some((term) => heldBy(query, term, identity.names).length > 0)) return true;
  if (query.typed.length < 2) return false;
  const n = Math.max(rarity.docCount, 1);
  let information = 0;
  for (const term of query.typed) {
    const frequencies = heldBy(query, term, identity.words).map((m) => rarity.frequency(m));
    information += Math.log(n / Math.max(1, Math.min(...frequencies)));
  }
  return information >= SPECIFIC_SHARE * Math.log(n);
}

/** The meanings of a typed term that the set holds; a correction counts for long words only. */
function heldBy(query: TypedTerms, term: string, set: ReadonlySet<string>): string[] {
  const held: string[] = [];
  for (const meaning of query.meanings.get(term) ?? []) {
    if (set.has(meaning) && (meaning === term || term.length >= MIN_CORRECTED_LENGTH)) {
      held.push(meaning);
    }
  }
  return held;
}
