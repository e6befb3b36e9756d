import type { KeyPoint } from '../engine-types.ts';
import { isContent, keyPoints } from './key-points.ts';
import {
  DEFAULT_WEIGHTS,
  describeSentences,
  type ScoreWeights,
  scoreSentences,
} from './sentence-scores.ts';
import { splitSentences } from './sentence-split.ts';
import { contentTerms } from './summary-terms.ts';
import { trimSentence } from './trim-sentence.ts';

/** What the summarizer reads: the abstract, and the title when known (it names the subject). */
export interface SummaryInput {
  title?: string;
  abstract: string;
}

/** An abstract's extractive summary: its most telling sentence and a few labelled key points. */
export interface AbstractSummary {
  /** One sentence of the abstract (a leading discourse phrase may be trimmed); "" for an empty abstract. */
  tldr: string;
  points: KeyPoint[];
}

/**
 * Only this much of an abstract is read. Real abstracts are a few thousand characters at most;
 * the bound keeps the work small for any input.
 */
export const MAX_ABSTRACT_CHARS = 20_000;

/** Only this many sentences are candidates, for the same reason. */
export const MAX_SENTENCES = 80;

/**
 * Summarizes an abstract: the TL;DR is the sentence that best announces the paper's own
 * contribution (cue phrases, closeness to the title and to the rest of the abstract, a length
 * prior, background sentences penalised), and the key points are the problem, method and
 * result sentences around it. Extractive and deterministic; never throws.
 */
export function summarizeAbstract(
  input: SummaryInput,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): AbstractSummary {
  const abstract =
    typeof input.abstract === 'string' ? input.abstract.slice(0, MAX_ABSTRACT_CHARS) : '';
  const sentences = splitSentences(abstract, MAX_SENTENCES);
  if (sentences.length === 0) return { tldr: '', points: [] };
  const infos = describeSentences(sentences);
  const title = typeof input.title === 'string' ? input.title : '';
  const scores = scoreSentences(infos, new Set(contentTerms(title)), weights);
  // Links and availability notes never make a TL;DR while any other sentence can.
  const eligible = infos.filter(isContent);
  const candidates = eligible.length > 0 ? eligible : infos;
  let best = candidates[0]!.index;
  for (const { index } of candidates) {
    // Ties go to the earlier sentence: deterministic, and earlier is the safer guess.
    if (scores[index]! > scores[best]!) best = index;
  }
  return {
    tldr: trimSentence(sentences[best]!, { parentheticals: true }),
    points: keyPoints(infos, best),
  };
}
