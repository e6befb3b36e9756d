import { splitSentences } from '../summary/sentence-split.ts';
import type { AnswerSegment, EvidenceSentence } from './ask-types.ts';
import { plainModelText } from './model-text.ts';

/**
 * Reading and checking a model's cited answer. The answer is split into sentences; each
 * sentence's citation markers ("[1]", "[1, 2]", "[1][3]", "[2-3]") become numbers, and the text
 * keeps no markers. A statement must cite, and cite only numbers of the evidence it was given.
 */

/** One or more numbers in square brackets: [1], [1, 2], [1; 3], [2-4]. */
const MARKER = /\s*\[(\s*\d{1,3}(?:\s*(?:[,;]|[-–]|and)\s*\d{1,3})*\s*)\]/g;
/** A sentence that is nothing but markers (the model put them after the full stop). */
const ONLY_MARKERS = /^(?:\s*\[[\d\s,;\-–and]+\])+\s*[.!?]?$/;
/** The most numbers a range marker expands to, so "[1-999]" stays small. */
const MAX_RANGE = 20;

/** What is wrong with a cited answer. */
export type CitationProblem =
  | { kind: 'empty' }
  | { kind: 'uncited'; sentence: string }
  | { kind: 'unknown-citation'; n: number; sentence: string };

/** The outcome of `validateCitedAnswer`. */
export type CitationCheck =
  | { ok: true; segments: AnswerSegment[] }
  | {
      ok: false;
      problems: CitationProblem[];
      /** Every statement, as read. */
      segments: AnswerSegment[];
      /** The statements that cite only given evidence (in order). */
      valid: AnswerSegment[];
    };

function numbersOf(inner: string): number[] {
  const out: number[] = [];
  for (const part of inner.split(/\s*(?:[,;]|and)\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part.trim());
    if (range) {
      const from = Number(range[1]);
      const to = Math.min(Number(range[2]), from + MAX_RANGE);
      for (let n = from; n <= to; n++) out.push(n);
    } else if (/^\d+$/.test(part.trim())) out.push(Number(part.trim()));
  }
  return out;
}

function citesOf(sentence: string): number[] {
  const cites = new Set<number>();
  for (const match of sentence.matchAll(MARKER)) for (const n of numbersOf(match[1]!)) cites.add(n);
  return [...cites].sort((a, b) => a - b);
}

function withoutMarkers(sentence: string): string {
  return sentence
    .replace(MARKER, '')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}

/**
 * A model's answer as statements with their citation numbers, after Markdown and mentions are
 * taken off. Markers standing alone after a sentence's full stop belong to that sentence.
 */
export function parseCitedText(text: string): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  for (const line of plainModelText(text).split('\n')) {
    for (const sentence of splitSentences(line)) {
      const cites = citesOf(sentence);
      const previous = segments[segments.length - 1];
      if (ONLY_MARKERS.test(sentence)) {
        if (previous)
          previous.cites = [...new Set([...previous.cites, ...cites])].sort((a, b) => a - b);
        continue;
      }
      const leading = /^((?:\s*\[[\d\s,;\-–and]+\])+)\s*(.*)$/.exec(sentence);
      if (leading && previous) {
        // "… shown. [1] The next one …": the leading markers cite the sentence before.
        const moved = citesOf(leading[1]!);
        previous.cites = [...new Set([...previous.cites, ...moved])].sort((a, b) => a - b);
        const rest = leading[2]!;
        const text = withoutMarkers(rest);
        if (text !== '') segments.push({ text, cites: citesOf(rest) });
        continue;
      }
      const plain = withoutMarkers(sentence);
      if (plain !== '') segments.push({ text: plain, cites });
    }
  }
  return segments;
}

/**
 * Checks a model's answer against the evidence it was given: every statement cites, and cites
 * only evidence numbers. Returns the statements when all is well, else the problems and the
 * statements that passed.
 */
export function validateCitedAnswer(
  text: string,
  evidence: readonly Pick<EvidenceSentence, 'n'>[],
): CitationCheck {
  const given = new Set(evidence.map((e) => e.n));
  const segments = parseCitedText(text);
  if (segments.length === 0)
    return { ok: false, problems: [{ kind: 'empty' }], segments, valid: [] };
  const problems: CitationProblem[] = [];
  const valid: AnswerSegment[] = [];
  for (const segment of segments) {
    const unknown = segment.cites.filter((n) => !given.has(n));
    for (const n of unknown) problems.push({ kind: 'unknown-citation', n, sentence: segment.text });
    if (segment.cites.length === 0) problems.push({ kind: 'uncited', sentence: segment.text });
    if (segment.cites.length > 0 && unknown.length === 0) valid.push(segment);
  }
  return problems.length === 0 ? { ok: true, segments } : { ok: false, problems, segments, valid };
}
