import {
  answer,
  askLibrary,
  type ChatCommand,
  code,
  isEngineCommand,
  isLibraryCommand,
  parseChat,
  type RichText,
  richNotice,
} from '../../src/index.ts';
import type { ChannelRef, DailyCommands } from '../shared/daily-port.ts';
import { localDate } from '../shared/local-date.ts';
import { readWatchAction } from '../watch/watch-action.ts';
import { answerReply, questionProblem } from './ask/ask-reply.ts';
import { noLibraryReply } from './library/plan-library.ts';
import { type Origin, type Reply, type ReplyDeps, replyFromView } from './reply-deps.ts';
import { replyToWatch, type WatchAsker } from './watch/reply-to-watch.ts';

/** What users are told when they manage daily posts on a bot that has no scheduler. */
export const DAILY_DISABLED: RichText = [
  'Daily posts are not enabled on this bot. ',
  code('daily'),
  ' and ',
  code('daily YYYY-MM-DD'),
  ' still show the paper of a day.',
];

/**
 * Answers one decoded message (mention, DM or `/shammie` text): grammar → core → Block Kit.
 * Errors the user caused come back as notices; a bug in the core rejects, for the listener to
 * log with its event id and apologise for.
 */
export function replyToText(text: string, deps: ReplyDeps, origin: Origin): Promise<Reply> {
  return replyToCommand(parseChat(text), deps, origin);
}

/**
 * Answers one parsed command. A question is answered here from the library alone, with no
 * thread context: the listeners hand questions to `ask/` instead, which adds the thread's
 * earlier questions and streams a model's answer. They hand library commands to `library/`
 * too; here, with no library service at hand, those get the notice of a bot without one.
 * A `watch …` goes to the watch service; `asker` says who typed it (whether they are a
 * workspace admin matters to `watch add`; without it they count as none).
 */
export async function replyToCommand(
  command: ChatCommand,
  deps: ReplyDeps,
  origin: Origin,
  asker: WatchAsker = { userId: undefined },
): Promise<Reply> {
  if (command.kind === 'ask') return extractiveReply(command.question, deps);
  if (isLibraryCommand(command)) return noLibraryReply(deps);
  if (command.kind === 'watch') {
    return replyToWatch(readWatchAction(command.text), deps, origin, asker);
  }
  if (!isEngineCommand(command)) return dailyCommand(command, deps, origin);
  const view = answer(deps.engine, command, {
    today: localDate(deps.now(), deps.timezone),
    random: deps.random,
    ...(deps.pageSize !== undefined ? { pageSize: deps.pageSize } : {}),
  });
  return replyFromView(view, deps, origin.invocation);
}

function extractiveReply(question: string, deps: ReplyDeps): Reply {
  try {
    return answerReply(askLibrary(deps.engine, question));
  } catch (error) {
    const problem = questionProblem(error, deps);
    if (problem) return problem;
    throw error;
  }
}

type DailyCommand = Extract<ChatCommand, { kind: 'daily' }>;

/** `daily subscribe|unsubscribe|status` for the channel the command was typed in. */
async function dailyCommand(
  command: DailyCommand,
  deps: ReplyDeps,
  origin: Origin,
): Promise<Reply> {
  const daily: DailyCommands | undefined = deps.daily;
  const notice = (ok: boolean, text: string | RichText): Reply =>
    replyFromView(
      richNotice(ok ? 'info' : 'error', typeof text === 'string' ? [text] : text),
      deps,
      origin.invocation,
    );
  if (!daily) return notice(false, DAILY_DISABLED);
  const channel: ChannelRef = {
    platform: 'slack',
    channelId: origin.channelId,
    ...(origin.teamId ? { workspaceId: origin.teamId } : {}),
  };
  let result: { ok: boolean; text: string };
  switch (command.action) {
    case 'subscribe':
      result = await daily.subscribe({
        channel,
        ...(command.time ? { time: command.time } : {}),
        ...(command.timezone ? { timezone: command.timezone } : {}),
      });
      break;
    case 'unsubscribe':
      result = await daily.unsubscribe(channel);
      break;
    case 'status':
      result = await daily.status(channel);
      break;
    default:
      // `daily show` is an engine command and never gets here.
      return notice(false, DAILY_DISABLED);
  }
  return notice(result.ok, result.text);
}
