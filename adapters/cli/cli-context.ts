import type { Command } from 'commander';
import {
  type AnswerContext,
  answer,
  type Engine,
  type EngineCommand,
  type ReplyView,
} from '../../src/index.ts';
import { isTimeZone } from '../shared/config.ts';
import { localDate, systemTimeZone } from '../shared/local-date.ts';
import { EXIT_BAD_INPUT, ExitError } from './exit-status.ts';
import { openCliEngine } from './open-cli-engine.ts';
import { ANSI, PLAIN, renderText, type TextStyle } from './render-text.ts';
import { say } from './say.ts';

/** What the command line reads and writes: injected, so tests run it in-process too. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  random: () => number;
}

/** The options every command accepts, before its name. */
export interface GlobalOptions {
  corpus?: string;
  json?: boolean;
}

/** What every command's handler may use: the I/O, the engine (opened once), the printers. */
export interface CliContext {
  io: CliIo;
  style: TextStyle;
  /** True with --json. */
  json(): boolean;
  /** The engine over the chosen corpus, opened at the first call. */
  engine(): Promise<Engine>;
  /** Today and randomness, for the core's answers. */
  answerContext(): AnswerContext;
  /** A line (or lines) on stdout. */
  out(text: string): void;
  /** One "shammie: …" line on stderr. */
  say(text: string): void;
  /** Prints a view as text or JSON; an error notice exits 1 instead. */
  print(view: ReplyView): void;
  /** Answers a command as chat does (ten results a page) and prints the view. */
  show(command: EngineCommand): Promise<void>;
}

/** One command: its commander definition and its handler, added to the program. */
export type CliCommand = (program: Command, cli: CliContext) => void;

/** What a paper reference argument may be, for every command that takes one. */
export const REF_ARGUMENT = 'title words, arXiv id or URL, DOI, or id';

/** The context of one run; `close` releases the engine's daily store once the command is done. */
export function createCliContext(
  io: CliIo,
  globals: () => GlobalOptions,
): CliContext & { close(): void } {
  let opening: Promise<{ engine: Engine; close: () => void }> | undefined;
  let close: (() => void) | undefined;
  const style = io.stdout.isTTY && !io.env.NO_COLOR ? ANSI : PLAIN;
  const out = (text: string): void => {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const answerContext = (): AnswerContext => ({
    today: localDate(io.now(), cliTimeZone(io.env.SHAMMIE_TIMEZONE)),
    random: io.random,
  });
  const json = (): boolean => globals().json === true;
  const print = (view: ReplyView): void => {
    if (view.kind === 'notice' && view.tone === 'error') {
      throw new ExitError(view.text, EXIT_BAD_INPUT);
    }
    out(json() ? JSON.stringify(view, null, 2) : renderText(view, style));
  };
  const engine = async (): Promise<Engine> => {
    opening ??= openCliEngine({ corpus: globals().corpus, env: io.env, stderr: io.stderr });
    const opened = await opening;
    close = opened.close;
    return opened.engine;
  };
  return {
    io,
    style,
    json,
    engine,
    answerContext,
    out,
    say: (text) => say(io.stderr, text),
    print,
    show: async (command) =>
      print(answer(await engine(), command, { ...answerContext(), pageSize: 10 })),
    close: () => close?.(),
  };
}

/** The zone of "today": SHAMMIE_TIMEZONE when it names one, else the machine's. */
function cliTimeZone(zone: string | undefined): string {
  return zone && isTimeZone(zone) ? zone : systemTimeZone();
}
