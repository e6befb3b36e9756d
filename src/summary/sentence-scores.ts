import { BACKGROUND, CONTRIBUTION, countCues, FIRST_PERSON, METHOD, STUDY } from './cue-phrases.ts';
import { analyzeText } from './summary-terms.ts';

/** A sentence of an abstract with what the scorers need, computed once. */
export interface SentenceInfo {
  text: string;
  /** Position in the abstract, from 0. */
  index: number;
  lower: string;
  /** Stemmed content terms, repeats kept. */
  terms: string[];
  words: number;
}

/**
 * The signals that make a sentence a good TL;DR, each a general property of abstracts:
 * authors announce their contribution with "we propose" and state it once, early, before
 * adding "we also"; they open with background; the title names the subject, and the terms
 * an abstract repeats are what it is about. Each value lies roughly in [0, 1].
 */
export const FEATURE_NAMES = [
  /** "We propose / introduce / present …", "… is proposed", "called X". */
  'contribution',
  /** Otherwise "we show / study / find …". */
  'study',
  /** Background and motivation words, in a sentence not in the authors' voice. */
  'background',
  /** Words that describe a method. */
  'method',
  /** Share of the sentence's terms that are title terms. */
  'title',
  /** Cosine similarity to the rest of the abstract. */
  'centroid',
  /** Share of the abstract's repeated terms the sentence contains. */
  'coverage',
  /** Relative position, 0 first to 1 last. */
  'position',
  /** How far below the ideal length, as a share of it. */
  'short',
  /** How far above the ideal length, as a share of it. */
  'long',
  /** Length in words as a share of the ideal maximum (capped): F-measures favour substance. */
  'length',
  /** Contains a digit: numbers belong to results, rarely to the gist. */
  'number',
  /** Opens in the authors' voice: "We …", "In this paper, we …". */
  'leadsWithAuthors',
  /** The first contribution sentence: the main one, stated before any "we also". */
  'firstContribution',
  /** "also", "further", "finally": an addition to what was already said. */
  'secondary',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type ScoreWeights = Record<FeatureName, number>;

/**
 * The weights Shammie uses: a least-squares fit of per-sentence ROUGE-1 (within each
 * abstract) on the features above, over SciTLDR's development abstracts, rounded. Fitted on
 * half and tested on the other half they pick TL;DRs as well as fitted on all, so they
 * describe abstracts in general rather than those papers.
 */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  contribution: 0.12,
  study: 0.11,
  background: -0.2,
  method: 0.15,
  title: 2,
  centroid: 0.75,
  coverage: 0.65,
  position: -0.11,
  short: -0.98,
  long: -0.72,
  length: 0.41,
  number: -0.11,
  leadsWithAuthors: 0.16,
  firstContribution: 0.36,
  secondary: -0.12,
};

/** At most this many cue words count, so long sentences don't win on volume. */
const CUE_CAP = 3;
/** Sentences shorter than this many words read as fragments. */
const IDEAL_MIN_WORDS = 12;
/** Sentences longer than this many words say more than a TL;DR should. */
export const IDEAL_MAX_WORDS = 35;

const NUMBER = /\d/;
/** The authors speak first: "We propose", "In this paper, we", "This work shows". */
const LEADS_WITH_AUTHORS =
  /^(?:\w+(?: \w+){0,5}, )?(?:we|our|this (?:paper|work|article|study|note)|here we|here,? we)\b/;
/** Additions to a contribution already stated. */
const SECONDARY =
  /\b(?:also|further(?:more)?|additionally|in addition|moreover|finally|lastly|besides)\b/;

/** Prepares sentences for scoring. */
export function describeSentences(sentences: readonly string[]): SentenceInfo[] {
  return sentences.map((text, index) => {
    const { terms, words } = analyzeText(text);
    return { text, index, lower: text.toLowerCase(), terms, words };
  });
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** The feature vector of every sentence, in `FEATURE_NAMES` order. */
export function sentenceFeatures(
  infos: readonly SentenceInfo[],
  titleTerms: ReadonlySet<string>,
): number[][] {
  const own = infos.map((info) => countTerms(info.terms));
  const all = new Map<string, number>();
  // Terms found in more than one sentence: the abstract's subject.
  const repeated = new Set<string>();
  for (const counts of own) {
    for (const [term, count] of counts) {
      const before = all.get(term);
      if (before !== undefined) repeated.add(term);
      all.set(term, (before ?? 0) + count);
    }
  }
  let allNorm = 0;
  for (const count of all.values()) allNorm += count * count;
  allNorm = Math.sqrt(allNorm);
  const last = infos.length - 1;
  let contributionSeen = false;
  return infos.map((info, i) => {
    const counts = own[i]!;
    const contribution = CONTRIBUTION.test(info.lower);
    const firstContribution = contribution && !contributionSeen;
    if (contribution) contributionSeen = true;
    let dot = 0;
    let norm = 0;
    let inTitle = 0;
    let shared = 0;
    for (const [term, count] of counts) {
      norm += count * count;
      // The rest of the abstract only: repetition within the sentence earns nothing.
      dot += count * ((all.get(term) ?? 0) - count);
      if (titleTerms.has(term)) inTitle++;
      if (repeated.has(term)) shared++;
    }
    const centroid = norm > 0 && allNorm > 0 ? dot / (Math.sqrt(norm) * allNorm) : 0;
    const ownVoice = FIRST_PERSON.test(info.lower);
    return [
      contribution ? 1 : 0,
      !contribution && STUDY.test(info.lower) ? 1 : 0,
      ownVoice ? 0 : countCues(BACKGROUND, info.lower, CUE_CAP) / CUE_CAP,
      countCues(METHOD, info.lower, CUE_CAP) / CUE_CAP,
      counts.size > 0 ? inTitle / counts.size : 0,
      centroid,
      repeated.size > 0 ? shared / repeated.size : 0,
      last > 0 ? info.index / last : 0,
      Math.max(0, IDEAL_MIN_WORDS - info.words) / IDEAL_MIN_WORDS,
      Math.max(0, info.words - IDEAL_MAX_WORDS) / IDEAL_MAX_WORDS,
      Math.min(info.words, 2 * IDEAL_MAX_WORDS) / IDEAL_MAX_WORDS,
      NUMBER.test(info.lower) ? 1 : 0,
      LEADS_WITH_AUTHORS.test(info.lower) ? 1 : 0,
      firstContribution ? 1 : 0,
      SECONDARY.test(info.lower) ? 1 : 0,
    ];
  });
}

/** Scores each sentence as a TL;DR candidate; higher is better. */
export function scoreSentences(
  infos: readonly SentenceInfo[],
  titleTerms: ReadonlySet<string>,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): number[] {
  return sentenceFeatures(infos, titleTerms).map((features) => {
    let score = 0;
    for (let k = 0; k < features.length; k++) score += weights[FEATURE_NAMES[k]!] * features[k]!;
    return score;
  });
}
