import type { AskTurn } from '../../../src/index.ts';
import { answerMessage, lookingMessage, progressMessage } from '../blocks/answer-message.ts';
import type { SlackMessage } from '../blocks/block-kit.ts';
import { postOnce, replyInChannel, type SlackRuntime } from '../runtime.ts';
import { type ChatClient, describeError } from '../slack-client.ts';
import { createPacedEdits } from './paced-edits.ts';
import { runAsk, unaskable } from './run-ask.ts';

/** Where a question was asked in a conversation (a mention in a channel, or a DM). */
export interface AskPlace {
  channel: string;
  /** The thread the answer goes in (a mention's own thread; a DM's only when written in one). */
  threadTs: string | undefined;
  /** The delivery's event id: it marks the answer, so a lost post is never sent twice. */
  eventId: string | undefined;
  /** The asker: a mistake in the question is told to them alone. */
  user: string | undefined;
}

/**
 * Answers a question where it was asked, with the earlier questions of its thread as context.
 * Without a model the answer is posted once, like any answer. With one, "Looking in the
 * library…" is posted first (exactly once, as any answer), then edited as the model writes, at
 * most once a second, and a last time with the checked answer. Either way the answer's threads
 * (the one it was posted in, and the one it starts) remember the question for follow-ups.
 * Never throws.
 */
export async function askInConversation(
  runtime: SlackRuntime,
  client: ChatClient,
  place: AskPlace,
  question: string,
): Promise<void> {
  const where = { channel: place.channel, thread_ts: place.threadTs, eventId: place.eventId };
  const problem = unaskable(runtime, question);
  if (problem) {
    await replyInChannel(runtime, client, where, place.user, problem);
    return;
  }
  const history = runtime.ask.threads.history(place.channel, place.threadTs);
  const ask = { runtime, client, place, question, history };
  if (runtime.ask.service.usesModel) await streamAnswer(ask);
  else await postAnswer(ask);
}

interface Ask {
  runtime: SlackRuntime;
  client: ChatClient;
  place: AskPlace;
  question: string;
  history: AskTurn[];
}

async function postAnswer({ runtime, client, place, question, history }: Ask): Promise<void> {
  const where = { channel: place.channel, thread_ts: place.threadTs, eventId: place.eventId };
  const result = await runAsk(runtime, place.eventId, { question, history });
  if ('reply' in result) {
    await replyInChannel(runtime, client, where, place.user, result.reply);
    return;
  }
  const posted = await postOnce(runtime, client, where, answerMessage(result.answer));
  if (posted.posted) remember(runtime, place, [posted.ts], history, question);
}

async function streamAnswer({ runtime, client, place, question, history }: Ask): Promise<void> {
  const where = { channel: place.channel, thread_ts: place.threadTs, eventId: place.eventId };
  const placeholder = await postOnce(runtime, client, where, lookingMessage());
  const ts = placeholder.ts;
  if (ts === undefined) {
    // Not posted (logged by postOnce), or posted where it cannot be found again to be edited.
    if (placeholder.posted) {
      runtime.logger.error(
        { platform: 'slack', eventId: place.eventId, outcome: 'gave up' },
        'Slack did not say where the answer was posted; it cannot be edited',
      );
    }
    return;
  }
  const clock = runtime.ask.editClock;
  const now = clock?.now ?? (() => runtime.deps.now().getTime());
  const edits = createPacedEdits<SlackMessage>(now(), {
    send: async (message) => {
      await client.chat.update({
        channel: place.channel,
        ts,
        text: message.text,
        blocks: message.blocks,
      });
    },
    onError: (error, final) =>
      runtime.logger[final ? 'error' : 'warn'](
        {
          platform: 'slack',
          method: 'chat.update',
          eventId: place.eventId,
          channel: place.channel,
          outcome: final ? 'gave up after one retry' : 'skipped; the next edit replaces it',
          ...describeError(error),
        },
        'chat.update failed',
      ),
    now,
    ...(clock ? { sleep: clock.sleep } : {}),
    ...(runtime.ask.editIntervalMs !== undefined ? { intervalMs: runtime.ask.editIntervalMs } : {}),
  });
  const result = await runAsk(runtime, place.eventId, {
    question,
    history,
    onProgress: (progress) => edits.show(progressMessage(progress)),
  });
  await edits.finish('answer' in result ? answerMessage(result.answer) : result.reply.message);
  if ('answer' in result) remember(runtime, place, [ts], history, question);
}

/** The answer's threads remember the question: the one it was posted in, and its own. */
function remember(
  runtime: SlackRuntime,
  place: AskPlace,
  answerTs: Array<string | undefined>,
  history: AskTurn[],
  question: string,
): void {
  runtime.ask.threads.remember(place.channel, [place.threadTs, ...answerTs], history, question);
}
