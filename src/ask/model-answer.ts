import { MODEL_REFUSAL } from './ask-prompt.ts';
import type { AnswerSegment, AskAnswer } from './ask-types.ts';
import { validateCitedAnswer } from './cited-text.ts';

/**
 * Turning a model's text into an answer, never showing an uncited statement: a fully cited
 * answer is used as it is; one with a few bad statements is repaired by leaving them out; one
 * that is mostly bad, or empty, is replaced by the extractive answer with a note.
 */

/** A repaired answer keeps at least this share of the model's statements. */
export const MIN_KEPT_SHARE = 0.5;

export const NOTE_REPAIRED =
  'Some sentences of the model’s answer were left out because they did not cite the evidence.';
export const NOTE_REPLACED =
  'The model’s answer did not keep to the evidence, so here is the evidence itself.';

/** The lead of an answer a model wrote. */
export function modelLead(papers: number): string {
  return `From ${papers === 1 ? 'one paper' : `${papers} papers`} in the library (a model’s summary; every sentence cites its evidence):`;
}

/** Whether the model said the evidence does not answer the question. */
export function isModelRefusal(text: string): boolean {
  return (
    text
      .trim()
      .replace(/[.!\s]+$/, '')
      .toUpperCase() === MODEL_REFUSAL
  );
}

/** The cited papers among an answer's citations, in number order. */
function citedOnly(
  extractive: AskAnswer,
  segments: readonly AnswerSegment[],
): AskAnswer['citations'] {
  const used = new Set(segments.flatMap((s) => s.cites));
  return extractive.citations.filter((c) => used.has(c.n));
}

/**
 * The answer for a model's final text, given the extractive answer built from the same
 * evidence (which must not be a refusal) and the refusal to use when the model declines.
 */
export function answerFromModel(
  text: string,
  extractive: AskAnswer,
  refusal: AskAnswer,
): AskAnswer {
  if (isModelRefusal(text)) return { ...refusal, mode: 'model' };
  const check = validateCitedAnswer(text, extractive.evidence);
  const segments = check.ok
    ? check.segments
    : check.valid.length > 0 && check.valid.length >= MIN_KEPT_SHARE * check.segments.length
      ? check.valid
      : undefined;
  if (segments === undefined) return { ...extractive, note: NOTE_REPLACED };
  const citations = citedOnly(extractive, segments);
  return {
    ...extractive,
    mode: 'model',
    lead: modelLead(citations.length),
    segments,
    citations,
    ...(check.ok ? {} : { note: NOTE_REPAIRED }),
  };
}

/**
 * The part of a streaming answer that may be shown already: its complete statements up to the
 * first that fails the check (the last statement may still be growing, so it waits until
 * `complete`).
 */
export function shownSoFar(
  text: string,
  evidence: AskAnswer['evidence'],
  complete: boolean,
): AnswerSegment[] {
  if (isModelRefusal(text) || MODEL_REFUSAL.startsWith(text.trim().toUpperCase())) return [];
  const check = validateCitedAnswer(text, evidence);
  const segments = check.segments.slice(0, complete ? undefined : -1);
  const given = new Set(evidence.map((e) => e.n));
  const out: AnswerSegment[] = [];
  for (const s of segments) {
    if (s.cites.length === 0 || s.cites.some((n) => !given.has(n))) break;
    out.push(s);
  }
  return out;
}
