import type { AnswerSegment, AskAnswer, AskTurn, Engine } from '../../src/index.ts';

/**
 * What a platform needs to answer a question from the library, whoever writes the answer: the
 * core's extractive answer, or a model through adapters/llm. The app builds one service for
 * the process (the model's concurrency limit is shared by every platform) and hands it to each
 * platform, which only renders what it gets.
 */

/** The answer so far, while a model writes: complete, correctly cited statements only. */
export interface AskProgress {
  segments: AnswerSegment[];
  /** The same as one plain string with "[n]" markers. */
  text: string;
}

export interface AskRequest {
  question: string;
  /** Earlier turns of the thread the question was asked in, oldest first. */
  history?: readonly AskTurn[];
  /** Called with the growing answer, at most once a second (only when a model writes). */
  onProgress?: (progress: AskProgress) => void;
  signal?: AbortSignal;
}

export interface AskService {
  /** Resolves to the answer or a refusal; rejects only with a ShammieError for a bad question. */
  ask(engine: Engine, request: AskRequest): Promise<AskAnswer>;
  /** True when a model writes the answers (platforms then defer and stream). */
  readonly usesModel: boolean;
}
