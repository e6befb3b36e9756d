/**
 * The watch service as the app builds it: over the database, arXiv's feed client and the engine,
 * the commands every platform answers and the runner that posts through the platforms.
 */

import type Database from 'better-sqlite3';
import type { Engine } from '../../src/index.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { DefaultSchedule } from '../scheduler/daily-commands.ts';
import type { Logger } from '../shared/logger.ts';
import type { WatchCommands, WatchPoster } from '../shared/watch-port.ts';
import type { ArxivRss } from '../sources/arxiv-rss.ts';
import { type AnnouncementFeedOptions, createAnnouncementFeed } from './announcement-feed.ts';
import { createWatchCommands, type SaveToLibrary } from './watch-commands.ts';
import { createWatchPosts, type WatchPosts } from './watch-post.ts';
import { createWatchRunner, type WatchRunner, type WatchRunnerOptions } from './watch-runner.ts';
import { createWatchStore, type WatchStore } from './watch-store.ts';

export interface WatchServiceOptions {
  db: Database.Database;
  rss: ArxivRss;
  /** The library: its papers are every channel's profile; it summarizes the candidates. */
  engine: Pick<Engine, 'papers' | 'summarize'>;
  defaults: DefaultSchedule;
  logger: Logger;
  now?: () => number;
  /** Save adds the paper to the library through this service. */
  library?: Pick<LibraryService, 'add'>;
  feed?: Pick<AnnouncementFeedOptions, 'refetch' | 'retry'>;
  runner?: Omit<WatchRunnerOptions, 'store' | 'posts' | 'posters' | 'logger' | 'now'>;
}

export interface WatchService {
  store: WatchStore;
  posts: WatchPosts;
  commands: WatchCommands;
  /** The runner posting through `posters` (the platforms that run). */
  runner(posters: readonly WatchPoster[]): WatchRunner;
}

/** Builds the watch service (see the module comment). */
export function createWatchService(options: WatchServiceOptions): WatchService {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const store = createWatchStore(options.db);
  const feed = createAnnouncementFeed({ store, rss: options.rss, now, logger, ...options.feed });
  const posts = createWatchPosts({ store, feed, engine: options.engine });
  const commands = createWatchCommands({
    store,
    posts,
    defaults: options.defaults,
    now,
    logger,
    ...(options.library ? { save: saveThrough(options.library) } : {}),
  });
  return {
    store,
    posts,
    commands,
    runner: (posters) =>
      createWatchRunner({ ...options.runner, store, posts, posters, logger, now }),
  };
}

/** Save → `LibraryService.add([arxiv], user)`, in words. */
export function saveThrough(library: Pick<LibraryService, 'add'>): SaveToLibrary {
  return async (arxiv, user, channel) => {
    const [result] = await library.add([arxiv], {
      userId: user.userId,
      isAdmin: user.isAdmin,
      platform: channel.platform,
      channel: channel.channelId,
    });
    switch (result?.status) {
      case 'added':
        return { ok: true, text: `Saved to the library: ${result.title ?? `arXiv:${arxiv}`}.` };
      case 'already':
        return { ok: true, text: `Already in the library: ${result.title ?? `arXiv:${arxiv}`}.` };
      default:
        return {
          ok: false,
          text:
            result?.message ?? `arXiv:${arxiv} could not be saved to the library; try again later.`,
        };
    }
  };
}
