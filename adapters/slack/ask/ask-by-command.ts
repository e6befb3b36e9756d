import { answerMessage, lookingMessage } from '../blocks/answer-message.ts';
import { type RespondTarget, respondOnce, respondPlaceholder } from '../respond-once.ts';
import type { SlackRuntime } from '../runtime.ts';
import { runAsk, unaskable } from './run-ask.ts';

/**
 * `/shammie ask …` (or `/shammie` with a question): answered through the command's response URL,
 * visible to the channel like other `/shammie` answers; a mistake in the question goes to the
 * asker alone. A response URL takes five messages at most, so a model's answer is not streamed
 * there: "Looking in the library…" is shown first, then replaced once by the checked answer.
 * Slack says nothing of where a response landed, so these answers start no follow-up thread.
 * Never throws.
 */
export async function askByCommand(
  runtime: SlackRuntime,
  target: RespondTarget,
  question: string,
): Promise<void> {
  const problem = unaskable(runtime, question);
  if (problem) {
    await respondOnce(runtime, target, { ...problem.message, response_type: 'ephemeral' });
    return;
  }
  const streamed = runtime.ask.service.usesModel;
  if (streamed) await respondPlaceholder(runtime, target, lookingMessage());
  const result = await runAsk(runtime, target.requestId, { question, history: [] });
  const message = 'answer' in result ? answerMessage(result.answer) : result.reply.message;
  const visible = 'answer' in result || streamed || result.reply.visibility === 'public';
  await respondOnce(runtime, target, {
    ...message,
    response_type: visible ? 'in_channel' : 'ephemeral',
    ...(streamed ? { replace_original: true } : {}),
  });
}
