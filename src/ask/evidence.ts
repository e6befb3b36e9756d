import type { Engine, SearchHit } from '../engine-types.ts';
import { isShammieError } from '../errors.ts';
import { analyze } from '../search/text-analysis.ts';
import { splitSentences } from '../summary/sentence-split.ts';
import { MAX_SENTENCE_CHARS } from '../summary/trim-sentence.ts';
import type { Paper } from '../types.ts';
import type { AskCitation, EvidenceSentence } from './ask-types.ts';
import { neutralizeMentions } from './model-text.ts';
import { mergedQuery } from './question.ts';
import { questionTerms, type WeightedQuestionTerm } from './question-terms.ts';

/**
 * Evidence selection: the engine ranks papers for the question, then every sentence of the
 * best papers is scored by the share of the question's (idf-weighted) terms it holds, nudged
 * by its paper's rank; the best sentences, a few per paper, are the evidence. Deterministic:
 * ties fall to the engine's order, then to the order of sentences in the abstract.
 */

/** Papers whose sentences are read. */
export const DEFAULT_CANDIDATE_PAPERS = 10;
/** Sentences of evidence at most. */
export const DEFAULT_MAX_EVIDENCE = 5;
/** Sentences taken from one paper at most, so the evidence hears more than one voice. */
export const DEFAULT_MAX_PER_PAPER = 2;
/** How much the paper's engine score (relative to the best) adds to a sentence's coverage. */
export const PAPER_PRIOR = 0.25;
/** A sentence covering less of the question than this is not evidence at all. */
export const MIN_SENTENCE_COVERAGE = 0.2;
/** Evidence sentences cover at least this share of what the best sentence covers. */
export const RELATIVE_COVERAGE = 0.75;
/** Weight of the thread's merged query in the paper ranking, against the question's own 1. */
export const CONTEXT_RANK_WEIGHT = 0.5;
/** Sentences sharing this share of their terms say the same thing: only the first is kept. */
const NEAR_DUPLICATE = 0.8;

/** Options of evidence selection. */
export interface EvidenceOptions {
  /** Earlier questions of the thread, oldest first. */
  context?: readonly string[];
  candidatePapers?: number;
  maxEvidence?: number;
  maxPerPaper?: number;
  /** Characters of evidence at most, all sentences together (a model's token budget). */
  maxEvidenceChars?: number;
}

/** What selection found: the evidence, its papers, and how well it covers the question. */
export interface EvidenceSelection {
  evidence: EvidenceSentence[];
  citations: AskCitation[];
  /** Share (0–1) of the question's weighted terms the best sentence holds. */
  confidence: number;
  /** The ranked papers read, best first (the closest papers of a refusal). */
  ranked: SearchHit[];
}

interface ScoredSentence {
  paper: Paper;
  rank: number;
  index: number;
  text: string;
  terms: Set<string>;
  /** Terms of the paper's title: the subject a sentence's "it" and "this" refer to. */
  titleTerms: Set<string>;
  coverage: number;
  score: number;
}

/** The papers for a question: its own search, merged with the thread's at a lower weight. */
export function rankPapers(
  engine: Engine,
  question: string,
  context: readonly string[],
  limit: number,
): SearchHit[] {
  const own = engine.search(question, { limit }).hits;
  if (context.length === 0) return own;
  let merged: SearchHit[];
  try {
    merged = engine.search(mergedQuery(question, context), { limit }).hits;
  } catch (error) {
    if (isShammieError(error)) return own;
    throw error;
  }
  // Each run's scores relative to its best, summed with the runs' weights.
  const fused = new Map<string, { hit: SearchHit; score: number; order: number }>();
  const addRun = (hits: readonly SearchHit[], weight: number): void => {
    const top = hits[0]?.score || 1;
    hits.forEach((hit, order) => {
      const entry = fused.get(hit.paper.id) ?? { hit, score: 0, order: fused.size + order };
      entry.score += (weight * hit.score) / top;
      fused.set(hit.paper.id, entry);
    });
  };
  addRun(own, 1);
  addRun(merged, CONTEXT_RANK_WEIGHT);
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map(({ hit, score }) => ({ ...hit, score }));
}

function scoreSentences(
  hits: readonly SearchHit[],
  terms: readonly WeightedQuestionTerm[],
): ScoredSentence[] {
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  if (total <= 0 || hits.length === 0) return [];
  const top = hits[0]!.score || 1;
  const out: ScoredSentence[] = [];
  hits.forEach((hit, rank) => {
    const prior = PAPER_PRIOR * Math.max(0, Math.min(1, hit.score / top));
    const titleTerms = new Set(analyze(hit.paper.title));
    splitSentences(hit.paper.abstract).forEach((raw, index) => {
      // An abstract is outside text: a mention in it must not ping anyone where it is quoted.
      const text = neutralizeMentions(capLength(raw));
      const own = new Set(analyze(text));
      let held = 0;
      for (const t of terms) if (own.has(t.term)) held += t.weight;
      const coverage = held / total;
      out.push({
        paper: hit.paper,
        rank,
        index,
        text,
        terms: own,
        titleTerms,
        coverage,
        score: coverage + prior,
      });
    });
  });
  return out.sort((a, b) => b.score - a.score || a.rank - b.rank || a.index - b.index);
}

function capLength(sentence: string): string {
  if (sentence.length <= MAX_SENTENCE_CHARS) return sentence;
  const cut = sentence.slice(0, MAX_SENTENCE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_SENTENCE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.min(a.size, b.size);
}

/**
 * Picks the evidence for a question. `confidence` is the coverage of the question's own terms
 * by the best sentence; the caller compares it with the refusal threshold.
 */
export function selectEvidence(
  engine: Engine,
  question: string,
  options: EvidenceOptions = {},
): EvidenceSelection {
  const context = options.context ?? [];
  const ranked = rankPapers(
    engine,
    question,
    context,
    options.candidatePapers ?? DEFAULT_CANDIDATE_PAPERS,
  );
  if (ranked.length === 0) return { evidence: [], citations: [], confidence: 0, ranked };
  const terms = questionTerms(engine, question, context);
  const scored = scoreSentences(ranked, terms);
  // Confidence is about the question itself: the thread's context can't make it answerable.
  const ownTerms = context.length === 0 ? terms : questionTerms(engine, question);
  const confidence = confidenceOf(ranked[0]!.paper, scored, ownTerms);

  const maxEvidence = options.maxEvidence ?? DEFAULT_MAX_EVIDENCE;
  const maxPerPaper = options.maxPerPaper ?? DEFAULT_MAX_PER_PAPER;
  const maxChars = options.maxEvidenceChars ?? Number.POSITIVE_INFINITY;
  let chars = 0;
  const chosen: ScoredSentence[] = [];
  const perPaper = new Map<string, number>();
  const bestCoverage = scored.reduce((best, s) => Math.max(best, s.coverage), 0);
  const floor = Math.max(MIN_SENTENCE_COVERAGE, RELATIVE_COVERAGE * bestCoverage);
  for (const s of scored) {
    if (chosen.length >= maxEvidence) break;
    if (s.coverage < floor) continue;
    const count = perPaper.get(s.paper.id) ?? 0;
    if (count >= maxPerPaper) continue;
    if (chosen.some((c) => overlap(c.terms, s.terms) >= NEAR_DUPLICATE)) continue;
    if (chars + s.text.length > maxChars) continue;
    chars += s.text.length;
    perPaper.set(s.paper.id, count + 1);
    chosen.push(s);
  }
  return { ...numbered(chosen), confidence, ranked };
}

/** Share of the weighted terms found in a set of terms (0 when there is no weight). */
function coverageOf(
  terms: readonly WeightedQuestionTerm[],
  has: (term: string) => boolean,
): number {
  let total = 0;
  let held = 0;
  for (const t of terms) {
    total += t.weight;
    if (has(t.term)) held += t.weight;
  }
  return total > 0 ? held / total : 0;
}

/**
 * How well the library answers: the mean of two coverages of the question's own terms (the
 * thread's context left out) — by the best sentence read with its paper's title, and by the
 * best paper as a whole. On SciFact's claims this pair separates answerable claims from claims
 * whose papers were removed better than either alone or than the engine's raw scores.
 */
function confidenceOf(
  top: Paper,
  scored: readonly ScoredSentence[],
  terms: readonly WeightedQuestionTerm[],
): number {
  let bestSentence = 0;
  for (const s of scored) {
    const c = coverageOf(terms, (t) => s.terms.has(t) || s.titleTerms.has(t));
    if (c > bestSentence) bestSentence = c;
  }
  const paperTerms = new Set(analyze(`${top.title}\n${top.abstract}`));
  return (bestSentence + coverageOf(terms, (t) => paperTerms.has(t))) / 2;
}

/**
 * Numbers the chosen sentences by paper, in the order papers first appear among them, and
 * lists each paper's sentences in abstract order under its number.
 */
function numbered(chosen: readonly ScoredSentence[]): {
  evidence: EvidenceSentence[];
  citations: AskCitation[];
} {
  const numbers = new Map<string, number>();
  const citations: AskCitation[] = [];
  for (const s of chosen) {
    if (numbers.has(s.paper.id)) continue;
    const n = numbers.size + 1;
    numbers.set(s.paper.id, n);
    citations.push(citationOf(s.paper, n));
  }
  const evidence = [...chosen]
    .sort((a, b) => numbers.get(a.paper.id)! - numbers.get(b.paper.id)! || a.index - b.index)
    .map((s) => ({ n: numbers.get(s.paper.id)!, paperId: s.paper.id, sentence: s.text }));
  return { evidence, citations };
}

function citationOf(paper: Paper, n: number): AskCitation {
  const citation: AskCitation = { n, id: paper.id, title: paper.title };
  if (paper.arxiv !== undefined) citation.arxiv = paper.arxiv;
  if (paper.url !== undefined) citation.url = paper.url;
  return citation;
}
