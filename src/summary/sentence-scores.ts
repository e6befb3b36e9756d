import { BACKGROUND, CONTRIBUTION, FIRST_PERSON, RESULT, STUDY } from './cue-phrases.ts';
import { contentTerms, wordCount } from './summary-terms.ts';

/** A sentence of an abstract with what the scorers need, computed once. */
export interface SentenceInfo {
  text: string;
  /** Position in the abstract, from 0. */
  index: number;
  lower: string;
  terms: string[];
  words: number;
}

/**
 * How much each signal counts when choosing the TL;DR. Each is a general property of
 * abstracts (authors announce contributions with "we propose", open with background, put
 * the paper's subject in its title), not a fit to any one collection.
 */
export interface ScoreWeights {
  /** "We propose / introduce / present …". */
  contribution: number;
  /** "We show / study / find …". */
  study: number;
  /** Per background or motivation word, for sentences not in the authors' voice. */
  background: number;
  /** Per result word (capped), since a good TL;DR often states the outcome. */
  result: number;
  /** Share of the title's terms the sentence contains. */
  title: number;
  /** Cosine similarity to the rest of the abstract. */
  centroid: number;
  /** Per word below `idealMin`, as a share of `idealMin`. */
  short: number;
  /** Per word above `idealMax`, as a share of `idealMax`. */
  long: number;
  idealMin: number;
  idealMax: number;
  /** Extra penalty for the opening sentence when it is not in the authors' voice. */
  lead: number;
}

/** The weights Shammie uses. */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  contribution: 2,
  study: 1,
  background: 0.4,
  result: 0.2,
  title: 2,
  centroid: 1,
  short: 1,
  long: 1,
  idealMin: 12,
  idealMax: 35,
  lead: 0.5,
};

/** At most this many background or result words count, so long sentences don't win on volume. */
const CUE_CAP = 3;

/** Prepares sentences for scoring. */
export function describeSentences(sentences: readonly string[]): SentenceInfo[] {
  return sentences.map((text, index) => {
    const lower = text.toLowerCase();
    return { text, index, lower, terms: contentTerms(text), words: wordCount(text) };
  });
}

function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (count < CUE_CAP && pattern.exec(text) !== null) count++;
  pattern.lastIndex = 0;
  return count;
}

/** Term frequencies of all sentences together. */
function termCounts(infos: readonly SentenceInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const info of infos) {
    for (const term of info.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

/** Cosine between a sentence's terms and the abstract's other sentences. */
function centroidSimilarity(info: SentenceInfo, all: Map<string, number>, allNorm: number): number {
  if (info.terms.length === 0 || allNorm === 0) return 0;
  const own = new Map<string, number>();
  for (const term of info.terms) own.set(term, (own.get(term) ?? 0) + 1);
  let dot = 0;
  let ownNorm = 0;
  for (const [term, count] of own) {
    ownNorm += count * count;
    // Leave the sentence's own words out, so repetition within it earns nothing.
    dot += count * ((all.get(term) ?? 0) - count);
  }
  return dot / (Math.sqrt(ownNorm) * allNorm);
}

/** Scores each sentence as a TL;DR candidate; higher is better. */
export function scoreSentences(
  infos: readonly SentenceInfo[],
  titleTerms: ReadonlySet<string>,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): number[] {
  const all = termCounts(infos);
  let allNorm = 0;
  for (const count of all.values()) allNorm += count * count;
  allNorm = Math.sqrt(allNorm);
  return infos.map((info) => {
    let score = 0;
    if (CONTRIBUTION.test(info.lower)) score += weights.contribution;
    else if (STUDY.test(info.lower)) score += weights.study;
    const ownVoice = FIRST_PERSON.test(info.lower);
    if (!ownVoice) {
      score -= weights.background * countMatches(BACKGROUND, info.lower);
      if (info.index === 0) score -= weights.lead;
    }
    score += weights.result * countMatches(RESULT, info.lower);
    if (titleTerms.size > 0) {
      let shared = 0;
      const own = new Set(info.terms);
      for (const term of titleTerms) if (own.has(term)) shared++;
      score += (weights.title * shared) / titleTerms.size;
    }
    score += weights.centroid * centroidSimilarity(info, all, allNorm);
    if (info.words < weights.idealMin) {
      score -= (weights.short * (weights.idealMin - info.words)) / weights.idealMin;
    } else if (info.words > weights.idealMax) {
      score -= (weights.long * (info.words - weights.idealMax)) / weights.idealMax;
    }
    return score;
  });
}
