import type { PaperCard } from '../views/reply-view.ts';

/**
 * The shapes of an answer from the library. Plain data: text is plain (no platform's markup),
 * citation numbers are data, so each platform renders `[1]` its own way (a link, a footnote).
 */

/** A sentence of an abstract chosen as evidence, numbered by the paper it comes from. */
export interface EvidenceSentence {
  /** Citation number of the sentence's paper (1-based, shared by sentences of one paper). */
  n: number;
  paperId: string;
  /** The sentence as the abstract has it. */
  sentence: string;
}

/** A paper cited by an answer. */
export interface AskCitation {
  n: number;
  id: string;
  title: string;
  arxiv?: string;
  url?: string;
}

/** One statement of an answer: plain text and the evidence numbers it rests on. */
export interface AnswerSegment {
  text: string;
  cites: number[];
}

/** An earlier turn of a conversation (a thread), oldest first. */
export interface AskTurn {
  question: string;
}

/** An answer from the library, or a refusal with the closest papers. */
export interface AskAnswer {
  /** True when the library holds no good evidence: "I don't find this in the library". */
  refused: boolean;
  /** Who wrote `segments`: sentences picked from abstracts, or a model citing them. */
  mode: 'extractive' | 'model';
  /** The question as asked (trimmed). */
  question: string;
  /** A short first line, plain text without citations. */
  lead: string;
  /** The answer's statements, each with its citations (empty when refused). */
  segments: AnswerSegment[];
  /** The numbered evidence the answer rests on (empty when refused). */
  evidence: EvidenceSentence[];
  /** The cited papers, by number (empty when refused). */
  citations: AskCitation[];
  /** When refused: the papers that came closest, best first. */
  closest?: PaperCard[];
  /** A remark for the reader, e.g. why the model's answer was replaced. */
  note?: string;
  /**
   * How well the best evidence covers the question (0 to 1): the score the refusal threshold
   * is compared with.
   */
  confidence: number;
}

/** The answer as the command line prints it with `--json`. */
export interface AskJson {
  refused: boolean;
  answer: string;
  citations: Array<{ n: number; id: string; arxiv?: string; title: string }>;
}
