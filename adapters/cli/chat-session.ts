import { createInterface } from 'node:readline';
import {
  type AnswerContext,
  APOLOGY,
  type AskAnswer,
  type AskTurn,
  answer,
  code,
  type Engine,
  errorNotice,
  isEngineCommand,
  isLibraryCommand,
  isShammieError,
  parseChat,
  type ReplyView,
  richNotice,
} from '../../src/index.ts';
import type { AskService } from '../shared/ask-port.ts';
import { TERMINAL_WATCH_NOTE } from '../watch/terminal-watch.ts';
import {
  type ChatLibrary,
  type LibraryTurn,
  libraryTurn,
  renderLibraryTurn,
} from './chat-library.ts';
import { answerJson, renderAnswer } from './render-answer.ts';
import { renderText, type TextStyle } from './render-text.ts';

export interface ChatOptions {
  input: NodeJS.ReadableStream;
  output: { write(text: string): unknown; isTTY?: boolean };
  context: () => AnswerContext;
  /** Answers `ask …` and lines ending with "?" (the bot's own service). */
  ask: AskService;
  style: TextStyle;
  json: boolean;
  /** What `add`, `remove` and `library` change and show (without it they say there is none). */
  library?: ChatLibrary;
  /** Answers `watch …` (checks and previews a watch: the terminal has no channel). */
  watch?: (text: string) => Promise<{ ok: boolean; text: string }>;
}

/**
 * What the chat prints for one line: a reply view, an answer from the library, or what a
 * library command did.
 */
export type ChatTurn = { view: ReplyView } | { answer: AskAnswer } | { library: LibraryTurn };

/** A chat's memory: the questions asked so far, the context of the next one. */
export interface ChatSession {
  context: () => AnswerContext;
  ask: AskService;
  /** Earlier questions of this chat, oldest first. */
  history: AskTurn[];
  library?: ChatLibrary;
  /** Answers `watch …`; absent, watches are said to belong to channels. */
  watch?: (text: string) => Promise<{ ok: boolean; text: string }>;
}

/** What the terminal says to `daily subscribe|unsubscribe|status`: there is no channel here. */
export const NO_CHANNEL_NOTICE: ReplyView = richNotice('info', [
  'Daily subscriptions belong to Discord and Slack channels; here, ',
  code('daily'),
  ' shows the paper of the day.',
]);

const APOLOGY_VIEW: ReplyView = { kind: 'notice', tone: 'error', code: 'INTERNAL', text: APOLOGY };

/**
 * Answers one line of chat: the same grammar and core calls as a Slack mention. A question is
 * asked with the chat's earlier questions as context (a follow-up, as in a Slack thread), and
 * joins them once answered; `add`, `remove` and `library` go to the chat's library.
 */
export async function chatReply(
  engine: Engine,
  line: string,
  session: ChatSession,
): Promise<ChatTurn> {
  const command = parseChat(line);
  if (command.kind === 'ask') return askTurn(engine, command.question, session);
  if (isLibraryCommand(command)) return libraryTurn(command, session.library);
  if (command.kind === 'watch') {
    if (!session.watch) return { view: richNotice('info', [TERMINAL_WATCH_NOTE]) };
    const watched = await session.watch(command.text);
    return { view: richNotice(watched.ok ? 'info' : 'error', [watched.text]) };
  }
  if (!isEngineCommand(command)) return { view: NO_CHANNEL_NOTICE };
  try {
    return { view: answer(engine, command, session.context()) };
  } catch {
    return { view: APOLOGY_VIEW };
  }
}

async function askTurn(engine: Engine, question: string, session: ChatSession): Promise<ChatTurn> {
  try {
    const answered = await session.ask.ask(engine, { question, history: [...session.history] });
    session.history.push({ question: answered.question });
    return { answer: answered };
  } catch (error) {
    // An empty or overlong question is the user's to fix; anything else is ours.
    return { view: isShammieError(error) ? errorNotice(error) : APOLOGY_VIEW };
  }
}

/** A chat turn as the terminal prints it: text in the chosen style, or one line of JSON. */
export function renderTurn(turn: ChatTurn, style: TextStyle, json: boolean): string {
  if ('answer' in turn) {
    return json ? JSON.stringify(answerJson(turn.answer)) : renderAnswer(turn.answer, style);
  }
  if ('library' in turn) return renderLibraryTurn(turn.library, json);
  return json ? JSON.stringify(turn.view) : renderText(turn.view, style);
}

/** A read–answer loop until end of input, `quit` or `exit`. */
export async function runChat(engine: Engine, options: ChatOptions): Promise<void> {
  const interactive = options.output.isTTY === true;
  const session: ChatSession = {
    context: options.context,
    ask: options.ask,
    history: [],
    ...(options.library ? { library: options.library } : {}),
    ...(options.watch ? { watch: options.watch } : {}),
  };
  const rl = createInterface({ input: options.input, terminal: false });
  const prompt = (): void => {
    if (interactive) options.output.write('shammie> ');
  };
  if (interactive) {
    options.output.write(
      `Shammie chat over ${engine.papers.length} papers. Type "help" for commands, "quit" to leave.\n`,
    );
  }
  prompt();
  try {
    for await (const line of rl) {
      const text = line.trim();
      if (text === 'quit' || text === 'exit') break;
      if (text !== '') {
        const turn = await chatReply(engine, text, session);
        options.output.write(`${renderTurn(turn, options.style, options.json)}\n`);
        if (interactive) options.output.write('\n');
      }
      prompt();
    }
  } finally {
    rl.close();
    options.library?.close();
  }
}
