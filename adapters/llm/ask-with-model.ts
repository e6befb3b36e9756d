import pLimit from 'p-limit';
import {
  type AnswerSegment,
  type AskAnswer,
  type AskOptions,
  answerFromModel,
  buildAskMessages,
  checkQuestion,
  contextQuestions,
  type Engine,
  extractiveAnswer,
  selectEvidence,
  shownSoFar,
} from '../../src/index.ts';
import type { AskProgress } from '../shared/ask-port.ts';
import { DEFAULT_LLM_CONCURRENCY, DEFAULT_LLM_MAX_TOKENS } from '../shared/llm-settings.ts';
import type { ChatClient } from './chat-client.ts';
import { isLlmError, type LlmError } from './llm-errors.ts';

/**
 * `ask` with a model: the extractive evidence is selected first; when it is too weak the answer
 * is the refusal and no model is asked. Otherwise the model gets the question and the numbered
 * evidence sentences only, streams its answer, and the answer is checked: statements must cite
 * given evidence. A model that fails, stalls past its deadline or won't cite is replaced by
 * the extractive answer with a note.
 */

/** Evidence sentences given to a model (more than the extractive answer shows: it can choose). */
export const DEFAULT_MODEL_EVIDENCE = 8;
/** Characters of evidence given to a model at most (about 1,000 tokens of English). */
export const DEFAULT_MODEL_EVIDENCE_CHARS = 4000;
/** Shortest interval between two progress reports, so platforms edit at most once a second. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 1000;

export interface ModelAskOptions extends AskOptions {
  client: ChatClient;
  maxTokens?: number;
  /** Evidence sentences sent to the model (default `DEFAULT_MODEL_EVIDENCE`). */
  modelEvidence?: number;
  /** Characters of evidence sent to the model (default `DEFAULT_MODEL_EVIDENCE_CHARS`). */
  modelEvidenceChars?: number;
  /** Called with the growing answer, at most once per `progressIntervalMs`. */
  onProgress?: (progress: AskProgress) => void;
  progressIntervalMs?: number;
  /** Milliseconds clock for the progress interval (injected; default `Date.now`). */
  now?: () => number;
  /** Told why the model's answer was not used (for the log; messages hold no secret). */
  onModelError?: (error: LlmError) => void;
  signal?: AbortSignal;
}

/** Notes for an extractive answer given in place of the model's, by what went wrong. */
export const MODEL_NOTES: Record<LlmError['code'], string> = {
  LLM_TIMEOUT: 'The model took too long, so here is the evidence itself.',
  LLM_ABORTED: 'The model’s answer was cancelled, so here is the evidence itself.',
  LLM_UNREACHABLE: 'The model is unavailable, so here is the evidence itself.',
  LLM_HTTP: 'The model is unavailable, so here is the evidence itself.',
  LLM_BAD_RESPONSE: 'The model sent an unreadable answer, so here is the evidence itself.',
};

function progressText(segments: readonly AnswerSegment[]): string {
  return segments.map((s) => `${s.text} ${s.cites.map((n) => `[${n}]`).join('')}`).join(' ');
}

/**
 * Answers a question with a model writing from the library's evidence. Never throws for the
 * model's faults (the extractive answer stands in); throws ShammieError for a bad question.
 */
export async function askWithModel(
  engine: Engine,
  question: string,
  options: ModelAskOptions,
): Promise<AskAnswer> {
  const asked = checkQuestion(question);
  const context = contextQuestions(options.history);
  const extractive = extractiveAnswer(
    asked,
    selectEvidence(engine, asked, { ...options, context }),
    options,
  );
  // Too little evidence: no model is asked, so none can invent an answer.
  if (extractive.refused) return extractive;
  // The model is given more sentences than the extractive answer shows, from the same ranking.
  const given = selectEvidence(engine, asked, {
    ...options,
    context,
    maxEvidence: options.modelEvidence ?? DEFAULT_MODEL_EVIDENCE,
    maxEvidenceChars: options.modelEvidenceChars ?? DEFAULT_MODEL_EVIDENCE_CHARS,
  });
  const modelView = extractiveAnswer(asked, given, { ...options, threshold: 0 });
  const refusal = extractiveAnswer(asked, given, {
    ...options,
    threshold: Number.POSITIVE_INFINITY,
  });

  const now = options.now ?? Date.now;
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  let lastReport = Number.NEGATIVE_INFINITY;
  let reported = 0;
  let text = '';
  try {
    const messages = buildAskMessages(asked, given.evidence, context);
    for await (const piece of options.client.stream(messages, {
      maxTokens: options.maxTokens ?? DEFAULT_LLM_MAX_TOKENS,
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      text += piece;
      if (!options.onProgress || now() - lastReport < interval) continue;
      const segments = shownSoFar(text, given.evidence, false);
      if (segments.length > reported) {
        reported = segments.length;
        lastReport = now();
        options.onProgress({ segments, text: progressText(segments) });
      }
    }
  } catch (error) {
    if (!isLlmError(error)) throw error;
    options.onModelError?.(error);
    return { ...extractive, note: MODEL_NOTES[error.code] };
  }
  const answer = answerFromModel(text, modelView, refusal);
  // A model answer that fell back shows the shorter extractive evidence, with the model's note.
  return answer.mode === 'extractive' && !answer.refused
    ? { ...extractive, ...(answer.note ? { note: answer.note } : {}) }
    : answer;
}

/** Asks at most `concurrency` questions of the model at once; the others wait their turn. */
export function createModelAsker(options: {
  client: ChatClient;
  concurrency?: number;
  maxTokens?: number;
  onModelError?: (error: LlmError) => void;
}): {
  ask(engine: Engine, question: string, more?: Omit<ModelAskOptions, 'client'>): Promise<AskAnswer>;
  /** Asks running or waiting. */
  readonly pending: number;
} {
  const limit = pLimit(options.concurrency ?? DEFAULT_LLM_CONCURRENCY);
  return {
    ask: (engine, question, more = {}) =>
      limit(() =>
        askWithModel(engine, question, {
          ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
          ...(options.onModelError ? { onModelError: options.onModelError } : {}),
          ...more,
          client: options.client,
        }),
      ),
    get pending() {
      return limit.activeCount + limit.pendingCount;
    },
  };
}
