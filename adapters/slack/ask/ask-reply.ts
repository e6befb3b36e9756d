import { type AskAnswer, errorNotice, isShammieError } from '../../../src/index.ts';
import { answerMessage } from '../blocks/answer-message.ts';
import { type Reply, type ReplyDeps, replyFromView } from '../reply-deps.ts';

/** An answer (or refusal) as a reply everyone in the conversation sees. */
export function answerReply(answer: AskAnswer): Reply {
  return { message: answerMessage(answer), visibility: 'public' };
}

/**
 * The notice for a question that cannot be asked (empty, too long, a bad `year:`), for the
 * asker alone; undefined when `error` is not one the asker caused.
 */
export function questionProblem(error: unknown, deps: ReplyDeps): Reply | undefined {
  return isShammieError(error) ? replyFromView(errorNotice(error), deps, '') : undefined;
}
