import type { Command } from 'commander';
import {
  type AnswerContext,
  answer,
  type Engine,
  type EngineCommand,
  type Paper,
  type ReplyView,
} from '../../src/index.ts';
import { createAskService } from '../app/ask-service.ts';
import type { AskService } from '../shared/ask-port.ts';
import { ConfigError, isTimeZone, llmConfig } from '../shared/config.ts';
import { localDate, systemTimeZone } from '../shared/local-date.ts';
import type { SourcesOverrides } from '../sources/create-sources.ts';
import { createCliLogger } from './cli-logger.ts';
import { EXIT_BAD_INPUT, ExitError } from './exit-status.ts';
import { type CliEngine, openCliEngine } from './open-cli-engine.ts';
import { ANSI, PLAIN, renderText } from './render-text.ts';
import { say } from './say.ts';

/** What the command line reads and writes: injected, so tests run it in-process too. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  random: () => number;
  /**
   * What the service clients may change; tests pass a fake clock's queue so that arXiv's
   * three seconds between requests cost no time. Default: the real clients as they are.
   */
  sources?: SourcesOverrides;
  /** Where Ctrl-C (SIGINT) is heard, for commands that stop cleanly on it; default: the process. */
  signals?: SignalSource;
}

/** The slice of `process` a command listens to for Ctrl-C (tests pass an EventEmitter). */
export interface SignalSource {
  once(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

/** The options every command accepts, before its name. */
export interface GlobalOptions {
  corpus?: string;
  json?: boolean;
}

/** One command: its commander definition and its handler, added to the program. */
export type CliCommand = (program: Command, cli: CliContext) => void;

/** What a paper reference argument may be, for every command that takes one. */
export const REF_ARGUMENT = 'title words, arXiv id or URL, DOI, or id';

/** What every command's handler may use: the I/O, the engine (opened once), the printers. */
export type CliContext = ReturnType<typeof createCliContext>;

/** The context of one run; `close` releases the engine's daily store once the command is done. */
export function createCliContext(io: CliIo, globals: () => GlobalOptions) {
  let opening: Promise<CliEngine> | undefined;
  let closeEngine: (() => void) | undefined;
  let askService: AskService | undefined;
  const style = io.stdout.isTTY && !io.env.NO_COLOR ? ANSI : PLAIN;
  const out = (text: string): void => {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const answerContext = (): AnswerContext => ({
    today: localDate(io.now(), cliTimeZone(io.env.SHAMMIE_TIMEZONE)),
    random: io.random,
  });
  /** True with --json. */
  const json = (): boolean => globals().json === true;
  /** Prints a view as text or JSON; an error notice exits 1 instead. */
  const print = (view: ReplyView): void => {
    if (view.kind === 'notice' && view.tone === 'error') {
      throw new ExitError(view.text, EXIT_BAD_INPUT);
    }
    out(json() ? JSON.stringify(view, null, 2) : renderText(view, style));
  };
  const open = async (): Promise<CliEngine> => {
    opening ??= openCliEngine(globals().corpus, io);
    const opened = await opening;
    closeEngine = opened.close;
    return opened;
  };
  /** The engine over the chosen corpus and the library, opened at the first call. */
  const engine = async (): Promise<Engine> => (await open()).engine;
  /** The corpus files' papers alone (removed ones included), for `add` and `remove`. */
  const files = async (): Promise<readonly Paper[]> => (await open()).files;
  /**
   * The bot's ask service, built at the first question: a model writes the answers when
   * SHAMMIE_LLM_* name one (its failures said as "shammie: …" warnings), else extractive.
   */
  const ask = (): AskService => {
    askService ??= createAskService(cliLlmSettings(io.env), createCliLogger(io.stderr));
    return askService;
  };
  return {
    io,
    style,
    ask,
    json,
    engine,
    files,
    answerContext,
    out,
    /** One "shammie: …" line on stderr. */
    say: (text: string) => say(io.stderr, text),
    print,
    /** Answers a command as chat does (ten results a page) and prints the view. */
    show: async (command: EngineCommand) =>
      print(answer(await engine(), command, { ...answerContext(), pageSize: 10 })),
    close: () => closeEngine?.(),
  };
}

/** The model settings of the environment; a bad one is a usage mistake (exit 1), each named. */
function cliLlmSettings(env: CliIo['env']) {
  try {
    return llmConfig(env);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ExitError(error.problems.join('; '), EXIT_BAD_INPUT);
    throw error;
  }
}

/** The zone of "today": SHAMMIE_TIMEZONE when it names one, else the machine's. */
function cliTimeZone(zone: string | undefined): string {
  return zone && isTimeZone(zone) ? zone : systemTimeZone();
}
