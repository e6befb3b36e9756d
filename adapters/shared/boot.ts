import { type Engine, listCorpusFiles, NODE_CORPUS_IO, planDaily } from '../../src/index.ts';
import type { StartDiscordOptions } from '../discord/start-discord.ts';
import { createScheduler, type Scheduler } from '../scheduler/create-scheduler.ts';
import { createDailyCommands } from '../scheduler/daily-commands.ts';
import { createDailyPicker } from '../scheduler/daily-picker.ts';
import { createDailyStore, type DailyStore } from '../scheduler/daily-store.ts';
import { openDatabase } from '../scheduler/database.ts';
import { type CatchUp, DEFAULT_CATCH_UP, DEFAULT_LATE_AFTER_MS } from '../scheduler/due.ts';
import { syncEnvSubscriptions } from '../scheduler/env-subscriptions.ts';
import { cronProblem } from '../scheduler/schedule.ts';
import type { StartSlackOptions } from '../slack/start-slack.ts';
import { type Config, ConfigError } from './config.ts';
import type { DailyCommands, DailyPoster } from './daily-port.ts';
import type { Logger } from './logger.ts';
import { openEngine } from './open-engine.ts';
import { createPendingEngine, type PendingEngine } from './pending-engine.ts';

/** A running platform adapter, as boot needs it: something to post with, and a way to stop. */
export interface PlatformHandle {
  poster: DailyPoster;
  /** The port an HTTP receiver listens on (Slack in HTTP mode). */
  port?: number;
  stop(): Promise<void>;
}

/** What boot takes from outside: the logger, the clock, and (for tests) how platforms start. */
export interface BootDeps {
  logger: Logger;
  /** Epoch ms (default `Date.now`). */
  now?: () => number;
  random?: () => number;
  /** Catch up a slot missed while the bot was down (default), or skip it. */
  catchUp?: CatchUp;
  /** Start the minute tick (default true); tests tick by hand. */
  autoTick?: boolean;
  /** Starts Discord and gives its poster (default: the real adapter, `startDiscord`). */
  startDiscord?: (options: StartDiscordOptions) => Promise<PlatformHandle>;
  /** Starts Slack and gives its poster (default: the real adapter, `startSlack`). */
  startSlack?: (options: StartSlackOptions) => Promise<PlatformHandle>;
  /** Slack HTTP mode: the interface to listen on (default all). */
  slackHost?: string;
}

/** The running bot: one engine, one database, the platforms that are configured, the scheduler. */
export interface Bot {
  engine: Engine;
  store: DailyStore;
  scheduler: Scheduler;
  commands: DailyCommands;
  platforms: string[];
  /** The port Slack's HTTP mode listens on, when it does. */
  slackPort?: number;
  /** Stops taking work (no new ticks), stops the adapters, closes the database. */
  stop(): Promise<void>;
}

/** True when neither Discord nor Slack is configured: there is nothing to run. */
export function nothingToRun(config: Config): boolean {
  return !config.discord && !config.slack;
}

/**
 * Builds the bot process from its configuration: corpus and engine, the daily database, each
 * configured platform with the daily commands, and the scheduler posting through them.
 * Anything that fails on the way stops what had started and is rethrown.
 */
export async function boot(config: Config, deps: BootDeps): Promise<Bot> {
  const { logger } = deps;
  const now = deps.now ?? Date.now;
  const problem = cronProblem(config.daily.cron, config.daily.timezone);
  if (problem) {
    throw new ConfigError([
      `SHAMMIE_DAILY_CRON must be a cron pattern such as "0 9 * * *" (minute hour day month weekday): ${problem}`,
    ]);
  }

  // A corpus that is not there at all stops the start before anything connects; then the
  // platforms connect at once and answer "still reading" until the engine is ready.
  await listCorpusFiles(config.corpus, NODE_CORPUS_IO);
  const pending = createPendingEngine();
  const store = createDailyStore(openDatabase(config.dataDir));
  const stops: Array<() => Promise<void>> = [async () => store.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.error({ err: error }, 'error while stopping');
      }
    }
  };

  try {
    syncEnvSubscriptions(store, config, now(), logger);
    const due = {
      catchUp: deps.catchUp ?? config.daily.catchUp ?? DEFAULT_CATCH_UP,
      lateAfterMs: DEFAULT_LATE_AFTER_MS,
    };
    let titles: Map<string, string> | undefined;
    const paperTitle = (id: string): string | undefined => {
      titles ??= new Map(pending.engine.papers.map((paper) => [paper.id, paper.title]));
      return titles.get(id);
    };
    const commands = createDailyCommands({
      store,
      defaults: config.daily,
      due,
      now,
      paperTitle: (id) => (pending.engine.papers.length > 0 ? paperTitle(id) : undefined),
    });

    const shared = {
      engine: pending.engine,
      daily: commands,
      now: () => new Date(now()),
      ...(deps.random ? { random: deps.random } : {}),
      timezone: config.daily.timezone,
    };
    const posters: DailyPoster[] = [];
    const platforms: string[] = [];
    let slackPort: number | undefined;
    if (config.discord) {
      const start = deps.startDiscord ?? startRealDiscord;
      const discord = await start({
        ...shared,
        config: config.discord,
        logger: logger.child({ adapter: 'discord' }),
      });
      stops.push(() => discord.stop());
      posters.push(discord.poster);
      platforms.push('discord');
    }
    if (config.slack) {
      const start = deps.startSlack ?? startRealSlack;
      const slack = await start({
        ...shared,
        config: config.slack,
        logger: logger.child({ adapter: 'slack' }),
        ...(deps.slackHost ? { host: deps.slackHost } : {}),
      });
      stops.push(() => slack.stop());
      posters.push(slack.poster);
      slackPort = slack.port;
      platforms.push('slack');
    }

    const engine = await openCorpusEngine(config, logger, pending);

    const scheduler = createScheduler({
      store,
      posters,
      pick: createDailyPicker({ store, engine, planDaily, now }),
      logger: logger.child({ adapter: 'scheduler' }),
      now,
      catchUp: due.catchUp,
      lateAfterMs: due.lateAfterMs,
    });
    // Stopped first: no new tick starts while the adapters shut down.
    stops.push(() => scheduler.stop());
    if (deps.autoTick ?? true) scheduler.start();
    logger.info(
      { platforms, schedule: config.daily.cron, timezone: config.daily.timezone },
      'Shammie is running',
    );
    return {
      engine,
      store,
      scheduler,
      commands,
      platforms,
      ...(slackPort !== undefined ? { slackPort } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Loads the corpus and its index (from the snapshot in the data directory when it matches),
 * logging progress, and hands the engine to the platforms already running.
 */
async function openCorpusEngine(
  config: Config,
  logger: Logger,
  pending: PendingEngine,
): Promise<Engine> {
  let logged = 0;
  const opened = await openEngine({
    corpus: config.corpus,
    dataDir: config.dataDir,
    logger,
    onProgress: (_phase, done, total) => {
      pending.progress(done, total);
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > logged && tenth < 10) {
        logged = tenth;
        logger.info({ indexed: done, of: total }, 'indexing the corpus');
      }
    },
  });
  if (opened.problems.length > 0) {
    logger.warn(
      { skipped: opened.problems.length, first: opened.problems.slice(0, 3) },
      'some corpus entries could not be read and were skipped',
    );
  }
  pending.ready(opened.engine);
  logger.info(
    { papers: opened.engine.papers.length, corpus: config.corpus, index: opened.source },
    'corpus loaded',
  );
  return opened.engine;
}

/** The real Discord adapter, loaded only when Discord is configured. */
async function startRealDiscord(options: StartDiscordOptions): Promise<PlatformHandle> {
  const [{ startDiscord }, { createDiscordPoster }] = await Promise.all([
    import('../discord/start-discord.ts'),
    import('../discord/daily-poster.ts'),
  ]);
  const bot = await startDiscord(options);
  return {
    poster: createDiscordPoster(bot.client, { logger: options.logger }),
    stop: () => bot.stop(),
  };
}

/** The real Slack adapter, loaded only when Slack is configured. */
async function startRealSlack(options: StartSlackOptions): Promise<PlatformHandle> {
  const [{ startSlack }, { createSlackPoster }] = await Promise.all([
    import('../slack/start-slack.ts'),
    import('../slack/daily-poster.ts'),
  ]);
  const handle = await startSlack(options);
  return {
    poster: createSlackPoster(handle.app.client),
    ...(handle.port !== undefined ? { port: handle.port } : {}),
    stop: () => handle.stop(),
  };
}
