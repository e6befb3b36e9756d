import { SlashCommandBuilder } from 'discord.js';
import { checkQuestion, MAX_QUESTION_LENGTH } from '../../../src/index.ts';
import type { AskService } from '../../shared/ask-port.ts';
import { extractiveAskService } from '../../shared/extractive-ask.ts';
import { askThreadName } from '../ask-threads.ts';
import { type CommandContext, defineCommand } from './command-types.ts';

/**
 * Longest an answer may take, queue included: a model's queue and stall give way to the
 * extractive answer well before the interaction's token (15 minutes) dies with the answer unsent.
 */
export const ASK_DEADLINE_MS = 10 * 60 * 1000;

const LIBRARY_ONLY = extractiveAskService();

/** Who answers: the app's service, else the library alone (so /ask always works). */
function service(context: CommandContext): AskService {
  return context.ask ?? LIBRARY_ONLY;
}

/**
 * `/ask question`: an answer from the library, every statement citing its paper, or "I don't
 * find this in the library" with the closest papers. With a model it is deferred at once and
 * the answer edited in as it grows. In a thread Shammie opened on an earlier answer, the earlier
 * questions of that thread are the context; a new answer elsewhere gets such a thread.
 */
export const askCommand = defineCommand<{ question: string }>({
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription(
      'Ask the library a question: an answer from the abstracts, every sentence cited',
    )
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription('e.g. does alignment need much instruction data?')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH),
    ),
  usage: 'question',
  example: '/ask question:does alignment need much instruction data?',
  scansCorpus: true,
  slow: (context) => service(context).usesModel,
  // The core's check: an empty or overlong question gets its notice before anything is deferred.
  parse: (input) => ({ question: checkQuestion(String(input.options.question ?? '')) }),
  async execute({ question }, context) {
    const { channelId } = context.place;
    const history = channelId ? context.askThreads?.turns(channelId) : undefined;
    const { progress } = context;
    const answer = await service(context).ask(context.engine, {
      question,
      ...(history ? { history } : {}),
      ...(progress
        ? { onProgress: (p) => progress({ kind: 'ask-progress', question, segments: p.segments }) }
        : {}),
      signal: AbortSignal.timeout(ASK_DEADLINE_MS),
    });
    return { kind: 'ask-answer', answer };
  },
  async afterReply({ question }, view, sent, { place, askThreads }) {
    if (view.kind !== 'ask-answer' || !askThreads || !place.channelId) return;
    // A follow-up in one of our threads joins its questions; it opens no thread of its own.
    if (askThreads.turns(place.channelId)) {
      askThreads.add(place.channelId, { question });
      return;
    }
    if (view.answer.refused || !place.canOpenThreads) return;
    const threadId = await sent.openThread(askThreadName(question));
    if (threadId) askThreads.add(threadId, { question });
  },
});
