import { type BootDeps, type Bot, boot, nothingToRun } from './boot.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';

/** Said when `npm start` finds no platform to connect to. */
export const NOTHING_CONFIGURED = `Shammie has no chat platform to connect to. Set, in the environment or in .env (see .env.example):
  DISCORD_TOKEN and DISCORD_APPLICATION_ID      to run the Discord bot
  SLACK_BOT_TOKEN and SLACK_APP_TOKEN           to run the Slack app in Socket Mode
  SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET      to run the Slack app over HTTP (on PORT, default 3000)
To try Shammie in the terminal without any of these: npx shammie chat`;

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
}

/**
 * The whole life of `npm start`: configuration, boot, then run until SIGTERM or SIGINT, which
 * stop taking work, stop the adapters and close the database. Resolves with the exit status:
 * 0 after a clean stop, 1 when configuration or start-up fails (with a one-line reason, never a
 * secret and never a stack trace).
 */
export async function runBot(
  env: Readonly<Record<string, string | undefined>>,
  io: RunIO = {},
): Promise<number> {
  const print = io.print ?? ((line: string) => process.stderr.write(`${line}\n`));
  const signals = io.signals ?? process;

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      print(error.message);
      return 1;
    }
    throw error;
  }
  if (nothingToRun(config)) {
    print(NOTHING_CONFIGURED);
    return 1;
  }

  const logger =
    io.logger?.(config) ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  // Signals are watched from the start, so a stop asked for during start-up is not lost; a
  // second signal while stopping gives up waiting.
  const signalled: string[] = [];
  let onSignal: () => void = () => undefined;
  const onEach = (signal: string) => () => {
    signalled.push(signal);
    onSignal();
  };
  signals.once('SIGTERM', onEach('SIGTERM'));
  signals.once('SIGINT', onEach('SIGINT'));
  const nextSignal = () =>
    new Promise<void>((resolve) => {
      onSignal = resolve;
    });
  const firstSignal = nextSignal();

  let bot: Bot;
  try {
    bot = await boot(config, { logger, ...io.boot });
  } catch (error) {
    print(`Shammie could not start: ${mask(reason(error), secretsOf(config))}`);
    logger.debug({ err: error }, 'start-up failed');
    return 1;
  }
  io.onReady?.(bot);
  if (signalled.length === 0) await firstSignal;
  logger.info({ signal: signalled[0] }, 'stopping: finishing posts in flight, closing connections');
  const secondSignal = signalled.length > 1 ? Promise.resolve() : nextSignal();
  const outcome = await Promise.race([
    bot.stop().then(() => 'stopped' as const),
    secondSignal.then(() => 'forced' as const),
  ]);
  if (outcome === 'forced') {
    print('Stopping now, without waiting for posts in flight.');
    return 1;
  }
  logger.info('stopped');
  return 0;
}

/** The configured secret values, masked wherever they would appear in logs. */
function secretsOf(config: Config): string[] {
  return [
    config.discord?.token,
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
  ].filter((value): value is string => value !== undefined);
}

function mask(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** The message of a start-up failure; configuration problems keep their own wording. */
function reason(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
