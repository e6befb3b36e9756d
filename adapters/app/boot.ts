import type { Engine } from '../../src/index.ts';
import type { StartDiscordOptions } from '../discord/start-discord.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { Scheduler } from '../scheduler/create-scheduler.ts';
import type { DailyStore } from '../scheduler/daily-store.ts';
import type { CatchUp } from '../scheduler/due.ts';
import type { AskService } from '../shared/ask-port.ts';
import { type Config, ConfigError } from '../shared/config.ts';
import type { DailyCommands } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { WatchCommands } from '../shared/watch-port.ts';
import type { StartSlackOptions } from '../slack/start-slack.ts';
import type { ArxivRss } from '../sources/arxiv-rss.ts';
import type { Sources } from '../sources/create-sources.ts';
import type { WatchTickReport } from '../watch/watch-runner.ts';
import { createAskService } from './ask-service.ts';
import { createBotLibrary, type LibraryPollResult } from './bot-library.ts';
import { corpusProblem } from './corpus-problem.ts';
import type { ReloadOutcome } from './corpus-reloader.ts';
import type { PollResult, PollTimer } from './corpus-watcher.ts';
import { openDailyState } from './daily-state.ts';
import { createEngineHolder } from './engine-holder.ts';
import { DEFAULT_LIBRARY_SETTINGS, type LibrarySettings } from './library-settings.ts';
import type { PlatformHandle } from './platform-handles.ts';
import { startCorpus } from './start-corpus.ts';
import { startPlatforms } from './start-platforms.ts';
import { createDailyScheduler } from './start-scheduler.ts';
import { createBotWatches, withWatchRun } from './start-watches.ts';
import { startedParts, stopBot } from './stop-bot.ts';

/**
 * How long a stop waits for replies and daily posts in flight before tearing down anyway. It
 * stays under the process's hard deadline (`SHUTDOWN_DEADLINE_MS`), so the database is still
 * closed in order when something hangs.
 */
export const DRAIN_MS = 4_000;

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
  /**
   * Answers questions on every platform (default: built from `config.llm` by
   * `createAskService`, extractive when no model is configured).
   */
  ask?: AskService;
  /**
   * Watching the corpus for changes: the poll interval and the timer (tests fire it by hand),
   * or `false` for no watching (`bot.reload()` still works).
   */
  watch?: { intervalMs?: number; timer?: PollTimer } | false;
  /** arXiv's announcement feed for watches (default: the public feed). */
  watchRss?: ArxivRss;
  /** The library's keys (default: the public services, the default editors). */
  library?: LibrarySettings;
  /** The paper services the library adds from (default: real clients on `library.services`). */
  sources?: Pick<Sources, 'arxiv' | 'dois'>;
  /**
   * Watching the database for other processes' library changes: the poll interval and the
   * timer, or `false` for no watching (`bot.pollLibrary()` still works).
   */
  watchLibrary?: { intervalMs?: number; timer?: PollTimer } | false;
  /** How long `stop` waits for work in flight (default `DRAIN_MS`). */
  drainMs?: number;
  /** Aborting it gives up a start in progress: what had started is stopped, boot rejects. */
  signal?: AbortSignal;
}

/** The running bot: one engine, one database, the platforms that are configured, the scheduler. */
export interface Bot {
  /**
   * The current engine (a corpus reload swaps what is behind it), as the platforms get it: its
   * `daily` is the paper the daily posts have or will have for that date.
   */
  engine: Engine;
  store: DailyStore;
  scheduler: Scheduler;
  commands: DailyCommands;
  /** The watch service's commands and its run (tests tick it by hand). */
  watch: { commands: WatchCommands; tick(): Promise<WatchTickReport> };
  /** The library service every platform was given. */
  library: LibraryService;
  platforms: string[];
  /** The port Slack's HTTP mode listens on, when it does. */
  slackPort?: number;
  /** Opens the corpus again now (what a change of its files does on its own). */
  reload(): Promise<ReloadOutcome>;
  /** Polls the corpus files once, as the watch timer does (tests drive it). */
  pollCorpus(): Promise<PollResult>;
  /** Looks for other processes' library changes once, as the library's timer does. */
  pollLibrary(): LibraryPollResult;
  /**
   * Writes the index snapshot with the library as the engine holds it now, so the next start
   * applies nothing (what follows a background merge of the growing index).
   */
  saveSnapshot(): Promise<void>;
  /**
   * Stops taking work (no new tick, no new event, no reload), waits up to `drainMs` for replies
   * and posts in flight, then stops the adapters and closes the database.
   */
  stop(): Promise<void>;
}

/**
 * Builds the bot process from its configuration: the daily database and commands, each
 * configured platform, the corpus (loaded, then watched), and the scheduler posting through the
 * platforms. Anything that fails on the way stops what had started and is rethrown.
 */
export async function boot(config: Config, deps: BootDeps): Promise<Bot> {
  const { logger, signal } = deps;
  const now = deps.now ?? Date.now;
  const drainMs = deps.drainMs ?? DRAIN_MS;
  // A corpus that is not there at all stops the start before anything connects; then the
  // platforms connect at once and answer "still reading" until the engine is ready.
  const corpus = await corpusProblem(config.corpus);
  if (corpus) throw new ConfigError([corpus]);
  signal?.throwIfAborted();
  const holder = createEngineHolder();
  const daily = openDailyState(config, { ...deps, holder, now });
  const started = startedParts(logger);
  started.add('database', () => daily.store.close());
  try {
    const ask = deps.ask ?? createAskService(config.llm, logger.child({ adapter: 'llm' }));
    // On the scheduler's database: the library's tables are beside the daily ones.
    const librarySettings = deps.library ?? DEFAULT_LIBRARY_SETTINGS;
    const library = createBotLibrary({
      db: daily.store.db,
      dataDir: config.dataDir,
      settings: librarySettings,
      ...(deps.sources ? { sources: deps.sources } : {}),
      logger: logger.child({ adapter: 'library' }),
      now,
      ...(deps.watchLibrary ? deps.watchLibrary : {}),
    });
    started.add('library watcher', () => library.stop());
    const watches = createBotWatches(config, {
      daily,
      engine: holder.engine,
      now,
      logger,
      drainMs,
      services: librarySettings.services,
      library: library.service,
      ...(deps.watchRss ? { rss: deps.watchRss } : {}),
    });
    const platforms = await startPlatforms(
      config,
      { ...deps, daily, now, ask, library: library.service, watch: watches.commands },
      started,
    );
    const corpusWatch = await startCorpus(config, { ...deps, holder, library }, started);
    if (deps.watchLibrary !== false) library.start();
    const scheduler = withWatchRun(
      createDailyScheduler({ daily, platforms, holder, now, logger, drainMs }),
      watches,
      platforms,
    );
    started.add('scheduler', () => scheduler.stop());
    signal?.throwIfAborted();
    if (deps.autoTick ?? true) scheduler.start();

    const names = platforms.map((p) => p.name);
    const slackPort = platforms.find((p) => p.name === 'slack')?.handle.port;
    logger.info(
      {
        platforms: names,
        schedule: config.daily.cron,
        timezone: config.daily.timezone,
        // Which writes answers; the server's address and key stay out of the log.
        ask: ask.usesModel ? 'model' : 'extractive',
      },
      'Shammie is running',
    );
    const running = { platforms, corpus: corpusWatch, library, scheduler, store: daily.store };
    let stopped: Promise<void> | undefined;
    return {
      engine: daily.engine,
      store: daily.store,
      scheduler,
      commands: daily.commands,
      watch: { commands: watches.commands, tick: () => scheduler.watchTick() },
      library: library.service,
      platforms: names,
      ...(slackPort !== undefined ? { slackPort } : {}),
      reload: () => corpusWatch.reload(),
      pollCorpus: () => corpusWatch.poll(),
      pollLibrary: () => library.poll(),
      saveSnapshot: () => library.saveSnapshot(),
      stop: () => {
        stopped ??= stopBot(running, { logger, drainMs });
        return stopped;
      },
    };
  } catch (error) {
    await started.abandon();
    throw error;
  }
}
