import { createInterface } from 'node:readline';
import {
  type AnswerContext,
  APOLOGY,
  answer,
  code,
  type Engine,
  isEngineCommand,
  parseChat,
  type ReplyView,
  richNotice,
} from '../../src/index.ts';
import { renderText, type TextStyle } from './render-text.ts';

export interface ChatOptions {
  input: NodeJS.ReadableStream;
  output: { write(text: string): unknown; isTTY?: boolean };
  context: () => AnswerContext;
  style: TextStyle;
  json: boolean;
}

/** What the terminal says to `daily subscribe|unsubscribe|status`: there is no channel here. */
export const NO_CHANNEL_NOTICE: ReplyView = richNotice('info', [
  'Daily subscriptions belong to Discord and Slack channels; here, ',
  code('daily'),
  ' shows the paper of the day.',
]);

/** Answers one line of chat: the same grammar and core calls as a Slack mention. */
export function chatReply(engine: Engine, line: string, context: AnswerContext): ReplyView {
  const command = parseChat(line);
  if (!isEngineCommand(command)) return NO_CHANNEL_NOTICE;
  try {
    return answer(engine, command, context);
  } catch {
    return { kind: 'notice', tone: 'error', code: 'INTERNAL', text: APOLOGY };
  }
}

/** A read–answer loop until end of input, `quit` or `exit`. */
export async function runChat(engine: Engine, options: ChatOptions): Promise<void> {
  const interactive = options.output.isTTY === true;
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
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'quit' || text === 'exit') break;
    if (text !== '') {
      const view = chatReply(engine, text, options.context());
      options.output.write(
        `${options.json ? JSON.stringify(view) : renderText(view, options.style)}\n`,
      );
      if (interactive) options.output.write('\n');
    }
    prompt();
  }
  rl.close();
}
