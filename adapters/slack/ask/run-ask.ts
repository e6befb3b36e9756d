import { type AskAnswer, type AskTurn, checkQuestion } from '../../../src/index.ts';
import type { AskProgress } from '../../shared/ask-port.ts';
import type { Reply } from '../reply-deps.ts';
import { apologyReply, letOthersAck, type SlackRuntime } from '../runtime.ts';
import { questionProblem } from './ask-reply.ts';

/**
 * One question put to the runtime's ask service, whatever the place it was asked: the answer,
 * or the reply that stands in for it (the asker's mistake as a notice, a bug as the apology,
 * logged with the request id). Never throws.
 */
export async function runAsk(
  runtime: SlackRuntime,
  requestId: string | undefined,
  request: {
    question: string;
    history: readonly AskTurn[];
    onProgress?: (progress: AskProgress) => void;
  },
): Promise<{ answer: AskAnswer } | { reply: Reply }> {
  // The extractive answer is synchronous work: acknowledgements waiting go out first.
  await letOthersAck();
  try {
    const answer = await runtime.ask.service.ask(runtime.deps.engine, {
      question: request.question,
      ...(request.history.length > 0 ? { history: request.history } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    return { answer };
  } catch (error) {
    const problem = questionProblem(error, runtime.deps);
    if (problem) return { reply: problem };
    runtime.logger.error({ eventId: requestId, err: error }, 'failed to answer a Slack question');
    return { reply: apologyReply() };
  }
}

/**
 * The notice for a question that cannot be asked (empty, too long), found before anything is
 * posted: a model's placeholder is never posted for a question that will be refused.
 */
export function unaskable(runtime: SlackRuntime, question: string): Reply | undefined {
  try {
    checkQuestion(question);
    return undefined;
  } catch (error) {
    const problem = questionProblem(error, runtime.deps);
    if (problem) return problem;
    throw error;
  }
}
