import { setTimeout as delay } from 'node:timers/promises';
import {
  type Engine,
  isShammieError,
  listCorpusFiles,
  NODE_CORPUS_IO,
  type Paper,
  planDaily,
} from '../../src/index.ts';
import type { StartDiscordOptions } from '../discord/start-discord.ts';
import { createScheduler, type Scheduler } from '../scheduler/create-scheduler.ts';
import { createDailyCommands } from '../scheduler/daily-commands.ts';
import {
  createDailyLookup,
  createDailyPicker,
  withDailyLookup,
} from '../scheduler/daily-picker.ts';
import { createDailyStore, type DailyStore } from '../scheduler/daily-store.ts';
import { openDatabase } from '../scheduler/database.ts';
import { type CatchUp, DEFAULT_CATCH_UP, DEFAULT_LATE_AFTER_MS } from '../scheduler/due.ts';
import { syncEnvSubscriptions } from '../scheduler/env-subscriptions.ts';
import { type Config, ConfigError, DEFAULT_CORPUS } from '../shared/config.ts';
import type { DailyCommands, DailyPoster } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import { openEngine } from '../shared/open-engine.ts';
import type { StartSlackOptions } from '../slack/start-slack.ts';
import { createCorpusReloader, type ReloadOutcome } from './corpus-reloader.ts';
import { createCorpusWatcher, type PollResult, type PollTimer } from './corpus-watcher.ts';
import { createEngineHolder, type EngineHolder } from './engine-holder.ts';
import { type PlatformHandle, startRealDiscord, startRealSlack } from './platform-handles.ts';

export type { PlatformHandle } from './platform-handles.ts';

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
   * Watching the corpus for changes: the poll interval and the timer (tests fire it by hand),
   * or `false` for no watching (`bot.reload()` still works).
   */
  watch?: { intervalMs?: number; timer?: PollTimer } | false;
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
  platforms: string[];
  /** The port Slack's HTTP mode listens on, when it does. */
  slackPort?: number;
  /** Opens the corpus again now (what a change of its files does on its own). */
  reload(): Promise<ReloadOutcome>;
  /** Polls the corpus files once, as the watch timer does (tests drive it). */
  pollCorpus(): Promise<PollResult>;
  /**
   * Stops taking work (no new tick, no new event, no reload), waits up to `drainMs` for replies
   * and posts in flight, then stops the adapters and closes the database.
   */
  stop(): Promise<void>;
}

/**
 * Why the corpus at `path` cannot be read at all, in words that name SHAMMIE_CORPUS (the
 * default `./corpus` is looked for in the folder the bot runs in); undefined when it can be.
 */
export async function corpusProblem(path: string): Promise<string | undefined> {
  try {
    await listCorpusFiles(path, NODE_CORPUS_IO);
    return undefined;
  } catch (error) {
    if (!isShammieError(error)) throw error;
    return path === DEFAULT_CORPUS
      ? `${error.message}. Set SHAMMIE_CORPUS to the corpus file or folder (${DEFAULT_CORPUS}, the default, is looked for in the folder npm start runs in)`
      : `SHAMMIE_CORPUS: ${error.message}`;
  }
}

/** True when neither Discord nor Slack is configured: there is nothing to run. */
export function nothingToRun(config: Config): boolean {
  return !config.discord && !config.slack;
}

/**
 * Builds the bot process from its configuration: corpus and engine, the daily database, each
 * configured platform with the daily commands, the scheduler posting through them, and the
 * corpus watcher. Anything that fails on the way stops what had started and is rethrown.
 */
export async function boot(config: Config, deps: BootDeps): Promise<Bot> {
  const { logger, signal } = deps;
  const now = deps.now ?? Date.now;
  const drainMs = deps.drainMs ?? DRAIN_MS;
  // A corpus that is not there at all stops the start before anything connects; then the
  // platforms connect at once and answer "still reading" until the engine is ready.
  const corpus = await corpusProblem(config.corpus);
  if (corpus) throw new ConfigError([corpus]);
  const holder = createEngineHolder();
  const store = createDailyStore(openDatabase(config.dataDir));
  const platforms: Array<{ name: string; handle: PlatformHandle }> = [];
  const teardown: Array<() => void | Promise<void>> = [];
  const stopQuietly = async (what: string, stop: () => void | Promise<void>) => {
    try {
      await stop();
    } catch (error) {
      logger.error({ err: error, what }, 'error while stopping');
    }
  };
  // Used when the start fails half-way: no graceful phase, just stop what runs.
  const abandon = async () => {
    for (const stop of teardown.splice(0).reverse()) await stopQuietly('start-up', stop);
    for (const { name, handle } of platforms.splice(0).reverse()) {
      await stopQuietly(name, () => handle.stop());
    }
    store.close();
  };
  const checkSignal = () => signal?.throwIfAborted();

  try {
    checkSignal();
    syncEnvSubscriptions(store, config, now(), logger);
    const due = {
      catchUp: deps.catchUp ?? config.daily.catchUp ?? DEFAULT_CATCH_UP,
      lateAfterMs: DEFAULT_LATE_AFTER_MS,
    };
    const commands = createDailyCommands({
      store,
      defaults: config.daily,
      due,
      now,
      paperTitle: titlesOf(holder.engine),
      logger,
    });

    // Every "paper of the day" a platform shows comes from the plan the posts come from.
    const engine = withDailyLookup(
      holder.engine,
      createDailyLookup({ records: store, engine: holder.engine, planDaily }),
    );
    const shared = {
      engine,
      daily: commands,
      now: () => new Date(now()),
      ...(deps.random ? { random: deps.random } : {}),
      timezone: config.daily.timezone,
    };
    if (config.discord) {
      const start = deps.startDiscord ?? startRealDiscord;
      const handle = await start({
        ...shared,
        config: config.discord,
        logger: logger.child({ adapter: 'discord' }),
      });
      platforms.push({ name: 'discord', handle });
      checkSignal();
    }
    if (config.slack) {
      const start = deps.startSlack ?? startRealSlack;
      const handle = await start({
        ...shared,
        config: config.slack,
        logger: logger.child({ adapter: 'slack' }),
        ...(deps.slackHost ? { host: deps.slackHost } : {}),
      });
      platforms.push({ name: 'slack', handle });
      checkSignal();
    }

    // The watcher's baseline is taken before the corpus is read, so a change made while it
    // indexes is reloaded afterwards rather than lost.
    let reloader: ReturnType<typeof createCorpusReloader> | undefined;
    const watcher = createCorpusWatcher({
      corpus: config.corpus,
      logger,
      onChange: () => void reloader?.reload(),
      ...(deps.watch ? deps.watch : {}),
    });
    teardown.push(() => watcher.stop());
    await watcher.baseline();
    const key = await openCorpusEngine(config, logger, holder, signal);
    reloader = createCorpusReloader({
      corpus: config.corpus,
      dataDir: config.dataDir,
      logger,
      holder,
      ...(key ? { key } : {}),
    });
    teardown.push(() => reloader?.stop());
    if (deps.watch !== false) watcher.start();

    const posters: DailyPoster[] = platforms.map((p) => p.handle.poster);
    const scheduler = createScheduler({
      store,
      posters,
      pick: createDailyPicker({ store, engine: holder.engine, planDaily, now }),
      logger: logger.child({ adapter: 'scheduler' }),
      now,
      catchUp: due.catchUp,
      lateAfterMs: due.lateAfterMs,
      stopGraceMs: drainMs,
    });
    teardown.push(() => scheduler.stop());
    checkSignal();
    if (deps.autoTick ?? true) scheduler.start();
    const names = platforms.map((p) => p.name);
    const slackPort = platforms.find((p) => p.name === 'slack')?.handle.port;
    logger.info(
      { platforms: names, schedule: config.daily.cron, timezone: config.daily.timezone },
      'Shammie is running',
    );

    let stopped: Promise<void> | undefined;
    const stop = async (): Promise<void> => {
      // 1. Take no new work: no reload, no tick, no new event from any platform.
      watcher.stop();
      reloader?.stop();
      const schedulerIdle = scheduler.stop();
      const receiving = platforms.map(({ name, handle }) =>
        stopQuietly(name, () => handle.stopReceiving?.()),
      );
      // 2. Let what was started finish: replies being sent, daily posts in flight.
      const busy = () => Object.fromEntries(platforms.map((p) => [p.name, p.handle.busy?.() ?? 0]));
      if (Object.values(busy()).some((count) => count > 0)) {
        logger.info({ inFlight: busy() }, 'waiting for replies in flight');
      }
      const idle = Promise.all([
        ...receiving,
        schedulerIdle,
        ...platforms.map(({ handle }) => handle.idle?.()),
      ]).then(() => 'idle' as const);
      const outcome = await Promise.race([idle, delay(drainMs, 'late' as const, { ref: false })]);
      if (outcome === 'late') {
        logger.warn(
          { waitedMs: drainMs, inFlight: busy() },
          'stopping without waiting longer for replies in flight',
        );
      }
      // 3. Close: the adapters, then the database.
      for (const { name, handle } of [...platforms].reverse()) {
        await stopQuietly(name, () => handle.stop());
      }
      store.close();
    };
    return {
      engine,
      store,
      scheduler,
      commands,
      platforms: names,
      ...(slackPort !== undefined ? { slackPort } : {}),
      reload: () => reloader?.reload() ?? Promise.resolve({ status: 'stopped' }),
      pollCorpus: () => watcher.poll(),
      stop: () => {
        stopped ??= stop();
        return stopped;
      },
    };
  } catch (error) {
    await abandon();
    throw error;
  }
}

/** The title of a paper id in the current corpus, for `status`; rebuilt when the corpus is. */
function titlesOf(engine: Engine): (id: string) => string | undefined {
  let builtFor: readonly Paper[] | undefined;
  let titles = new Map<string, string>();
  return (id) => {
    if (builtFor !== engine.papers) {
      builtFor = engine.papers;
      titles = new Map(builtFor.map((paper) => [paper.id, paper.title]));
    }
    return titles.get(id);
  };
}

/**
 * Loads the corpus and its index (from the snapshot in the data directory when it matches),
 * logging progress, and hands the engine to the platforms already running. Returns the key of
 * the corpus it opened, for the reloader to compare against.
 */
async function openCorpusEngine(
  config: Config,
  logger: Logger,
  holder: EngineHolder,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  let logged = 0;
  const opened = await openEngine({
    corpus: config.corpus,
    dataDir: config.dataDir,
    logger,
    ...(signal ? { signal } : {}),
    onProgress: (_phase, done, total) => {
      holder.progress(done, total);
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
  holder.swap(opened.engine);
  logger.info(
    { papers: opened.engine.papers.length, corpus: config.corpus, index: opened.source },
    'corpus loaded',
  );
  return opened.key;
}
