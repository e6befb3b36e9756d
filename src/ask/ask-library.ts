import type { Engine } from '../engine-types.ts';
import { paperCard } from '../views/paper-card.ts';
import type { AnswerSegment, AskAnswer, AskTurn, EvidenceSentence } from './ask-types.ts';
import { type EvidenceOptions, type EvidenceSelection, selectEvidence } from './evidence.ts';
import { checkQuestion, contextQuestions } from './question.ts';

/**
 * The refusal threshold: an answer needs a sentence holding at least this share of the
 * question's idf-weighted terms, else the answer is "I don't find this in the library".
 * Chosen from the trade-off curve of `npm run bench:ask` on SciFact's training claims
 * (docs/ask.md), never from single questions.
 */
export const DEFAULT_REFUSAL_THRESHOLD = 0.55;

/** Papers a refusal offers as the closest the library has. */
export const DEFAULT_CLOSEST = 3;

/** The first line of a refusal. */
export const NOT_IN_LIBRARY = 'I don’t find this in the library.';

/** Options of `askLibrary`. */
export interface AskOptions extends Omit<EvidenceOptions, 'context'> {
  /** Earlier turns of the thread, oldest first: their questions join the search, weighted less. */
  history?: readonly AskTurn[];
  /** Confidence below which the answer is a refusal (default `DEFAULT_REFUSAL_THRESHOLD`). */
  threshold?: number;
  /** Closest papers offered by a refusal (default `DEFAULT_CLOSEST`). */
  closest?: number;
}

/**
 * Answers a question from the library alone, without a model: the evidence sentences, each
 * citing its paper by number, after a short lead; or, when the best evidence covers too little
 * of the question, a refusal with the closest papers. Deterministic and synchronous.
 *
 * Throws ShammieError `EMPTY_QUERY` or `QUERY_TOO_LONG` for a question that can't be asked
 * (and `BAD_ARGUMENT` for a malformed `year:` filter in it).
 */
export function askLibrary(engine: Engine, question: string, options: AskOptions = {}): AskAnswer {
  const asked = checkQuestion(question);
  const selection = selectEvidence(engine, asked, {
    ...options,
    context: contextQuestions(options.history),
  });
  return extractiveAnswer(asked, selection, options);
}

/** The extractive answer (or refusal) for an evidence selection. */
export function extractiveAnswer(
  question: string,
  selection: EvidenceSelection,
  options: Pick<AskOptions, 'threshold' | 'closest'> = {},
): AskAnswer {
  const threshold = options.threshold ?? DEFAULT_REFUSAL_THRESHOLD;
  const { evidence, citations, confidence, ranked } = selection;
  if (evidence.length === 0 || confidence < threshold) {
    return {
      refused: true,
      mode: 'extractive',
      question,
      lead: NOT_IN_LIBRARY,
      segments: [],
      evidence: [],
      citations: [],
      closest: ranked
        .slice(0, options.closest ?? DEFAULT_CLOSEST)
        .map((hit) => paperCard(hit.paper)),
      confidence,
    };
  }
  const papers = citations.length;
  return {
    refused: false,
    mode: 'extractive',
    question,
    lead:
      papers === 1
        ? 'What one paper in the library says:'
        : `What ${papers} papers in the library say:`,
    segments: evidenceSegments(evidence),
    evidence,
    citations,
    confidence,
  };
}

/** The evidence as the answer's statements, each citing its paper. */
export function evidenceSegments(evidence: readonly EvidenceSentence[]): AnswerSegment[] {
  return evidence.map((e) => ({ text: e.sentence, cites: [e.n] }));
}
