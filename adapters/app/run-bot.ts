import { setTimeout as delay } from 'node:timers/promises';
import {
  type Config,
  ConfigError,
  corpusPath,
  loadConfig,
  secretValues,
} from '../shared/config.ts';
import { createLogger, type Logger, maskSecrets } from '../shared/logger.ts';
import { type BootDeps, type Bot, boot } from './boot.ts';
import { corpusProblem } from './corpus-problem.ts';
import { type LibrarySettings, loadLibrarySettings } from './library-settings.ts';

/** Said when `npm start` finds no platform to connect to. */
export const NOTHING_CONFIGURED = `Shammie has no chat platform to connect to. Set, in the environment or in .env (see .env.example):
  DISCORD_TOKEN and DISCORD_APPLICATION_ID      to run the Discord bot
  SLACK_BOT_TOKEN and SLACK_APP_TOKEN           to run the Slack app in Socket Mode
  SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET      to run the Slack app over HTTP (on PORT, default 3000)
To try Shammie in the terminal without any of these: npx shammie chat`;

/**
 * After SIGTERM or SIGINT the process exits within this long, whatever hangs: a supervisor
 * (Docker gives 10 s before SIGKILL) then sees an orderly exit, not a kill.
 */
export const SHUTDOWN_DEADLINE_MS = 5_000;

/** What `runBot` touches outside itself, injected so tests run it in-process. */
export interface RunIO {
  /** Where user-facing messages go (default: stderr). */
  print?: (line: string) => void;
  /** Where SIGTERM and SIGINT arrive (default: `process`). */
  signals?: { once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown };
  /** The logger for a loaded configuration (default: pino on stderr, secrets masked). */
  logger?: (config: Config) => Logger;
  /** Extra boot dependencies (tests: fake platforms, no minute tick). */
  boot?: Partial<BootDeps>;
  /** Called once the bot is running. */
  onReady?: (bot: Bot) => void;
  /** The hard deadline after a stop signal (default `SHUTDOWN_DEADLINE_MS`). */
  deadlineMs?: number;
}

/**
 * The whole life of `npm start`: configuration, boot, then run until SIGTERM or SIGINT, which
 * stop taking work, let replies in flight finish, stop the adapters and close the database.
 * Resolves with the exit status: 0 after a clean stop (a signal during start-up included), 1
 * when configuration or start-up fails (with a one-line reason, never a secret and never a
 * stack trace), and 1 when stopping outlives the deadline or a second signal cuts it short.
 */
export async function runBot(
  env: Readonly<Record<string, string | undefined>>,
  io: RunIO = {},
): Promise<number> {
  const print = io.print ?? ((line: string) => process.stderr.write(`${line}\n`));
  const signals = io.signals ?? process;

  let config: Config | undefined;
  let library: LibrarySettings | undefined;
  const problems: string[] = [];
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  try {
    library = loadLibrarySettings(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  // The corpus path is checked with the variables, so that one run names every mistake.
  const corpus = await corpusProblem(corpusPath(env));
  if (corpus) problems.push(corpus);
  if (problems.length > 0) print(new ConfigError(problems).message);
  if (config && nothingToRun(config)) print(NOTHING_CONFIGURED);
  if (!config || !library || problems.length > 0 || nothingToRun(config)) return 1;

  const logger =
    io.logger?.(config) ?? createLogger({ level: config.logLevel, secrets: secretValues(config) });
  const deadlineMs = io.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  // Signals are watched from the start, so a stop asked for during start-up is not lost: it
  // gives the start up. A second signal while stopping gives up waiting.
  const stopping = new AbortController();
  const signalled: string[] = [];
  let firstSignal: () => void = () => undefined;
  let secondSignal: () => void = () => undefined;
  const signalledOnce = new Promise<void>((resolve) => {
    firstSignal = resolve;
  });
  const signalledTwice = new Promise<'forced'>((resolve) => {
    secondSignal = () => resolve('forced');
  });
  // The hard deadline runs from the first signal, whatever is going on then.
  const late = signalledOnce.then(() => delay(deadlineMs, 'late' as const, { ref: false }));
  const onEach = (signal: string) => () => {
    signalled.push(signal);
    if (signalled.length === 1) {
      logger.info(
        { signal },
        'stopping: finishing replies and posts in flight, closing connections',
      );
      stopping.abort();
      firstSignal();
    } else {
      secondSignal();
    }
  };
  signals.once('SIGTERM', onEach('SIGTERM'));
  signals.once('SIGINT', onEach('SIGINT'));

  const started = boot(config, { logger, library, ...io.boot, signal: stopping.signal }).then(
    (bot) => ({ bot }),
    (error: unknown) => ({ error }),
  );
  const start = await Promise.race([started, late, signalledTwice]);
  if (start === 'late' || start === 'forced') return gaveUp(start, logger, print, deadlineMs);
  if ('error' in start) {
    if (stopping.signal.aborted) {
      // Stopped while starting: what had started was stopped by boot; that is a clean stop.
      logger.info('stopped during start-up');
      return 0;
    }
    print(`Shammie could not start: ${maskSecrets(reason(start.error), secretValues(config))}`);
    logger.debug({ err: start.error }, 'start-up failed');
    return 1;
  }
  const { bot } = start;
  io.onReady?.(bot);
  await signalledOnce;
  const outcome = await Promise.race([
    bot.stop().then(() => 'stopped' as const),
    late,
    signalledTwice,
  ]);
  if (outcome !== 'stopped') return gaveUp(outcome, logger, print, deadlineMs);
  logger.info('stopped');
  return 0;
}

/** True when neither Discord nor Slack is configured: there is nothing to run. */
function nothingToRun(config: Config): boolean {
  return !config.discord && !config.slack;
}

/** Stopping took too long, or was cut short: say so, and exit without waiting any more. */
function gaveUp(
  why: 'late' | 'forced',
  logger: Logger,
  print: (line: string) => void,
  deadlineMs: number,
): number {
  if (why === 'forced') {
    print('Stopping now, without waiting for replies and posts in flight.');
  } else {
    logger.error(
      { deadlineMs },
      'could not stop in time: exiting anyway (a daily post in flight is not re-sent)',
    );
  }
  return 1;
}

/** The message of a start-up failure; configuration problems keep their own wording. */
function reason(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
