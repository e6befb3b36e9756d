/**
 * Watches in the running bot: the watch service on the scheduler's database, its commands for
 * every platform, and its minute run posting through the platforms that can post a watch.
 */

import type { Engine } from '../../src/index.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { Scheduler } from '../scheduler/create-scheduler.ts';
import type { Config } from '../shared/config.ts';
import type { Logger } from '../shared/logger.ts';
import type { WatchPoster } from '../shared/watch-port.ts';
import type { ArxivRss } from '../sources/arxiv-rss.ts';
import { createSources } from '../sources/create-sources.ts';
import { DEFAULT_SERVICE_BASES, type ServiceConfig } from '../sources/service-config.ts';
import { createWatchService, type WatchService } from '../watch/create-watch-service.ts';
import type { DailyState } from './daily-state.ts';
import type { StartedPlatform } from './start-platforms.ts';

export interface WatchesOptions {
  daily: DailyState;
  /** The library the profiles are made of (the holder's engine: reloads show through). */
  engine: Pick<Engine, 'papers' | 'summarize'>;
  now: () => number;
  logger: Logger;
  /** How long a stop waits for watch posts in flight. */
  drainMs: number;
  /** arXiv's feed client (tests: one on a local fake); default from `services`. */
  rss?: ArxivRss;
  /** The service bases, from the library's settings (`ARXIV_RSS_URL`; default the public feed). */
  services?: ServiceConfig;
  /** Save adds to the library through it (the bot's library service); without it Save only likes. */
  library?: Pick<LibraryService, 'add'>;
}

/** The watch service over the daily database (its commands go to the platforms). */
export function createBotWatches(config: Config, options: WatchesOptions): WatchService {
  const rss = options.rss ?? createSources(options.services ?? DEFAULT_SERVICE_BASES).rss;
  return createWatchService({
    db: options.daily.store.db,
    rss,
    engine: options.engine,
    defaults: config.daily,
    logger: options.logger.child({ adapter: 'watch' }),
    now: options.now,
    runner: { stopGraceMs: options.drainMs },
    ...(options.library ? { library: options.library } : {}),
  });
}

/** The running platforms' watch posters, one each. */
export function watchPosters(platforms: readonly StartedPlatform[]): WatchPoster[] {
  return platforms.map(({ handle }) => handle.watchPoster);
}

/**
 * The daily scheduler with the watch run beside it: started, ticked and stopped together, so
 * the bot's start and graceful stop cover both.
 */
export function withWatchRun(
  scheduler: Scheduler,
  watches: WatchService,
  platforms: readonly StartedPlatform[],
): Scheduler & { watchTick(): ReturnType<ReturnType<WatchService['runner']>['tick']> } {
  const runner = watches.runner(watchPosters(platforms));
  return {
    due: scheduler.due,
    tick: () => scheduler.tick(),
    watchTick: () => runner.tick(),
    start() {
      scheduler.start();
      runner.start();
    },
    async stop() {
      await Promise.all([scheduler.stop(), runner.stop()]);
    },
  };
}
