/**
 * Each category's announcement, fetched once per arXiv day for every watch that needs it and
 * kept in the database (so a second process or a restart reads it instead of fetching again).
 *
 * arXiv announces at 20:00 US Eastern, Sunday to Thursday; the feed then dates the announcement
 * the next day (Monday to Friday). So the "arXiv day" of an instant is the US Eastern date four
 * hours later: from Sunday 20:00 Eastern on it is Monday, and Monday's announcement is due. A
 * feed that shows an older date (late, a holiday) or nothing (a weekend) has no announcement
 * for the day: it is fetched again a few times, with growing waits, on days arXiv announces.
 */

import { errorMessage } from '../scheduler/error-message.ts';
import { localDate } from '../shared/local-date.ts';
import type { Logger } from '../shared/logger.ts';
import type { Announcement, ArxivRss } from '../sources/arxiv-rss.ts';
import type { StoredAnnouncement, WatchStore } from './watch-store.ts';

/** arXiv's zone: its announcements and their dates follow US Eastern time. */
export const ARXIV_ZONE = 'America/New_York';

/** From 20:00 Eastern on, the next day's announcement is due. */
const ANNOUNCE_SHIFT_MS = 4 * 3_600_000;

/** How a feed that has no announcement yet is fetched again on a day arXiv announces. */
export const DEFAULT_REFETCH = {
  /** First wait; doubles each time. */
  firstMs: 30 * 60_000,
  /** Fetches of one category and day at most (the first included). */
  maxFetches: 5,
};

/** How a feed that cannot be read (down, malformed) is tried again within the day. */
export const DEFAULT_FEED_RETRY = { firstMs: 5 * 60_000, maxMs: 60 * 60_000 };

/** The arXiv day at `now`: the date of the announcement that is due (see the module comment). */
export function arxivDay(now: number): string {
  return localDate(now + ANNOUNCE_SHIFT_MS, ARXIV_ZONE);
}

/** True when arXiv announces for `day` (Monday to Friday; holidays are found by the feed). */
export function announcesOn(day: string): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** What the feed has for a category today. */
export type FeedOutcome =
  | { kind: 'ready'; announcement: StoredAnnouncement }
  /** No announcement today (weekend, holiday, late, empty): nothing to post. */
  | { kind: 'none'; reason: string }
  /** The feed could not be read; it is tried again at `retryAt`. */
  | { kind: 'down'; error: string; retryAt: number };

export interface AnnouncementFeedOptions {
  store: WatchStore;
  rss: ArxivRss;
  now: () => number;
  logger: Logger;
  refetch?: Partial<typeof DEFAULT_REFETCH>;
  retry?: Partial<typeof DEFAULT_FEED_RETRY>;
}

export interface AnnouncementFeed {
  /** Today's announcement of `category`, fetching it when no process has yet today. */
  today(category: string): Promise<FeedOutcome>;
}

/** Creates the feed reader (see the module comment). */
export function createAnnouncementFeed(options: AnnouncementFeedOptions): AnnouncementFeed {
  const { store, rss, now, logger } = options;
  const refetch = { ...DEFAULT_REFETCH, ...options.refetch };
  const retry = { ...DEFAULT_FEED_RETRY, ...options.retry };
  /** One fetch at a time per category and day, however many watches ask. */
  const inFlight = new Map<string, Promise<FeedOutcome>>();
  /** Feeds that failed today: when to try again. In memory: a restart simply tries at once. */
  const failures = new Map<
    string,
    { day: string; count: number; retryAt: number; error: string }
  >();

  function fromStore(stored: StoredAnnouncement, day: string): FeedOutcome | undefined {
    const fresh =
      stored.items.length > 0 && (stored.announced === undefined || stored.announced >= day);
    if (fresh) return { kind: 'ready', announcement: stored };
    const wait = refetch.firstMs * 2 ** (stored.fetches - 1);
    const again =
      announcesOn(day) && stored.fetches < refetch.maxFetches && now() >= stored.fetchedAt + wait;
    if (again) return undefined;
    const reason =
      stored.items.length === 0
        ? 'the feed has no announcement today'
        : `the feed still shows the announcement of ${stored.announced}`;
    return { kind: 'none', reason };
  }

  async function fetchNow(category: string, day: string): Promise<FeedOutcome> {
    const failed = failures.get(category);
    if (failed && failed.day === day && now() < failed.retryAt) {
      return { kind: 'down', error: failed.error, retryAt: failed.retryAt };
    }
    let announcement: Announcement;
    try {
      announcement = await rss.announcements(category);
    } catch (error) {
      const count = failed && failed.day === day ? failed.count + 1 : 1;
      const wait = Math.min(retry.firstMs * 2 ** (count - 1), retry.maxMs);
      const message = errorMessage(error);
      const retryAt = now() + wait;
      failures.set(category, { day, count, retryAt, error: message });
      logger.warn({ category, err: message, retryInMs: wait }, 'arXiv feed could not be read');
      return { kind: 'down', error: message, retryAt };
    }
    failures.delete(category);
    store.putAnnouncement(category, day, announcement.date, announcement.items, now());
    const stored = store.getAnnouncement(category, day)!;
    logger.info(
      { category, day, announced: announcement.date, items: announcement.items.length },
      'arXiv announcement fetched',
    );
    return fromStore({ ...stored, fetches: refetch.maxFetches }, day) ?? none(day);
  }

  return {
    today(category) {
      const day = arxivDay(now());
      const stored = store.getAnnouncement(category, day);
      const known = stored && fromStore(stored, day);
      if (known) return Promise.resolve(known);
      const key = `${category}@${day}`;
      let running = inFlight.get(key);
      if (!running) {
        running = fetchNow(category, day).finally(() => inFlight.delete(key));
        inFlight.set(key, running);
      }
      return running;
    },
  };
}

function none(day: string): FeedOutcome {
  return { kind: 'none', reason: `no announcement for ${day}` };
}
