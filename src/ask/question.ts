import { checkQueryText, MAX_QUERY_LENGTH } from '../search/query-parser.ts';
import type { AskTurn } from './ask-types.ts';
import { neutralizeMentions } from './model-text.ts';

/**
 * Longest question accepted, in characters: the search engine's own query limit, since the
 * question is what is searched. Longer text is a paste, not a question.
 */
export const MAX_QUESTION_LENGTH = MAX_QUERY_LENGTH;

/** Earlier turns of a thread that still count as context (the most recent ones). */
export const MAX_CONTEXT_TURNS = 3;

/** Control characters (tabs and newlines aside) say nothing and upset some platforms. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The question, tidied: control characters and mentions removed (the question is echoed and
 * sent to a model, and must ping no one), whitespace collapsed. Throws ShammieError
 * `EMPTY_QUERY` for an empty question and `QUERY_TOO_LONG` past `MAX_QUESTION_LENGTH`.
 */
export function checkQuestion(raw: string): string {
  return checkQueryText(
    tidy(raw),
    {
      empty:
        'Ask a question about the papers, e.g. “which models are trained on human preferences?”',
      tooLong: (length) =>
        `That question is ${length} characters long; please ask it in under ${MAX_QUESTION_LENGTH}.`,
    },
    MAX_QUESTION_LENGTH,
  );
}

function tidy(text: string): string {
  return neutralizeMentions(text.replace(CONTROL, ' ')).replace(/\s+/g, ' ').trim();
}

/**
 * The earlier questions of a thread that serve as context, most recent last, each tidied and
 * shortened so that the merged query fits the engine's limit. Empty or broken turns are skipped.
 */
export function contextQuestions(history: readonly AskTurn[] | undefined): string[] {
  if (!history || history.length === 0) return [];
  const out: string[] = [];
  for (const turn of history.slice(-MAX_CONTEXT_TURNS)) {
    const text = tidy(String(turn?.question ?? ''));
    if (text !== '') out.push(text);
  }
  return out;
}

/**
 * One retrieval query of the question and its context: the question first (it is never cut),
 * then the earlier questions, most recent first, cut at a word boundary to fit the engine's
 * query length. Quotes are dropped from the context so an earlier "phrase" does not become a
 * required phrase of the follow-up.
 */
export function mergedQuery(question: string, context: readonly string[]): string {
  let query = question;
  for (const earlier of [...context].reverse()) {
    const plain = earlier.replace(/["“”]/g, ' ');
    const room = MAX_QUERY_LENGTH - query.length - 1;
    if (room <= 0) break;
    query = `${query} ${cutAtWord(plain, room)}`.trim();
  }
  return query;
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : '';
}
