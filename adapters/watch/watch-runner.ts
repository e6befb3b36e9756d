/**
 * The watches' morning run: a minute tick, like the daily post's, that posts each watch once
 * per local date. It reuses the daily post's machinery whole — the due rules (`decide`, DST and
 * catch-up included), the claim → post → record order of `deliver` with its retries and pauses,
 * the lease that turns a claim abandoned mid-send into `unknown` (never sent again), the
 * concurrency limit and the records deferred while the database refuses writes — over the
 * watches' own post log, whose claim key is the watch and the local date.
 */

import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pLimit from 'p-limit';
import { DEFAULT_CLAIM_LEASE_MS, DEFAULT_CONCURRENCY } from '../scheduler/create-scheduler.ts';
import { createDeferredWrites } from '../scheduler/deferred-writes.ts';
import {
  DEFAULT_RETRY_POLICY,
  type DeliveryOutcome,
  deliver,
  type RetryPolicy,
  type ViewPoster,
} from '../scheduler/deliver.ts';
import { DEFAULT_LATE_AFTER_MS, decide, slotToday } from '../scheduler/due.ts';
import { errorMessage } from '../scheduler/error-message.ts';
import { createMinuteTicker } from '../scheduler/minute-ticker.ts';
import { storageCode } from '../scheduler/storage-failure.ts';
import type { Platform } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { WatchPoster, WatchPostView } from '../shared/watch-port.ts';
import type { WatchPosts } from './watch-post.ts';
import {
  asSubscription,
  type Watch,
  type WatchPostRecord,
  type WatchStore,
} from './watch-store.ts';

/** What one tick did, for logs and tests. */
export interface WatchTickReport {
  checked: number;
  posted: number;
  quiet: number;
  /** Due, but no announcement today (or it was already posted). */
  none: number;
  /** Due, but the feed could not be read (retried later today). */
  feedDown: number;
  failed: number;
  taken: number;
  unrecorded: number;
  abandoned: number;
}

export interface WatchRunnerOptions {
  store: WatchStore;
  posts: WatchPosts;
  posters: readonly WatchPoster[];
  logger: Logger;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  claimLeaseMs?: number;
  owner?: string;
  stopGraceMs?: number;
}

export interface WatchRunner {
  tick(): Promise<WatchTickReport>;
  start(): void;
  stop(): Promise<void>;
}

function emptyReport(): WatchTickReport {
  return {
    checked: 0,
    posted: 0,
    quiet: 0,
    none: 0,
    feedDown: 0,
    failed: 0,
    taken: 0,
    unrecorded: 0,
    abandoned: 0,
  };
}

type WatchOutcome = DeliveryOutcome | 'quiet' | 'none' | 'feedDown';

/** Creates the watch runner (see the module comment). */
export function createWatchRunner(options: WatchRunnerOptions): WatchRunner {
  const { store, posts, logger } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const abort = new AbortController();
  const owner = options.owner ?? randomUUID();
  const leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  // Watches always catch up a slot missed while the bot was down: the announcement is the day's.
  const due = { catchUp: 'catch-up' as const, lateAfterMs: DEFAULT_LATE_AFTER_MS };
  const posters = new Map<Platform, ViewPoster<WatchPostView>>(
    options.posters.map((p) => [
      p.platform,
      { postDaily: (channelId, view) => p.postWatch(channelId, view) },
    ]),
  );
  const deferred = createDeferredWrites(logger);
  const ticker = createMinuteTicker(runTick, {
    logger,
    stopGraceMs: options.stopGraceMs ?? 10_000,
    onStop: () => abort.abort(),
  });

  async function runTick(): Promise<WatchTickReport> {
    const report = emptyReport();
    const at = now();
    deferred.flush();
    try {
      report.abandoned = store.sweepStaleClaims(at - leaseMs);
    } catch (error) {
      if (storageCode(error) === undefined) throw error;
      logger.error({ code: storageCode(error) }, 'the watch database cannot be written');
      return report;
    }
    const work: Array<() => Promise<WatchOutcome>> = [];
    for (const watch of store.active()) {
      const poster = posters.get(watch.platform);
      if (!poster) continue;
      report.checked += 1;
      const task = dueTask(watch, poster, at);
      if (task) work.push(task);
    }
    await pLimit(concurrency).map(work, async (task) => {
      if (ticker.stopping()) return;
      const outcome = await task();
      report[outcome === 'paused' ? 'failed' : outcome] += 1;
    });
    if (report.posted + report.quiet + report.failed + report.feedDown > 0) {
      logger.info({ ...report }, 'watch tick');
    }
    return report;
  }

  /** The work a watch needs now, or undefined when it is not due (or its row waits). */
  function dueTask(
    watch: Watch,
    poster: ViewPoster<WatchPostView>,
    at: number,
  ): (() => Promise<WatchOutcome>) | undefined {
    let date: string;
    let row: WatchPostRecord | undefined;
    try {
      const today = slotToday(watch, at);
      date = today.date;
      row = today.slot === undefined ? undefined : store.getPost(watch.id, date);
      const decision = decide(asSubscription(watch), at, date, today.slot, row, due);
      if (decision.action !== 'post') return undefined;
    } catch (error) {
      logger.error({ err: errorMessage(error), watch: watch.id }, 'watch could not be scheduled');
      return undefined;
    }
    const retry = row;
    return () =>
      runWatch(watch, poster, date, retry).catch((error: unknown) => {
        // Whatever was claimed stays claimed and is never re-sent; the other watches go on.
        logger.error(
          { err: errorMessage(error), watch: watch.id, channel: watch.channelId, date },
          'watch post could not be handled',
        );
        return 'failed' as const;
      });
  }

  async function runWatch(
    watch: Watch,
    poster: ViewPoster<WatchPostView>,
    date: string,
    retry: WatchPostRecord | undefined,
  ): Promise<WatchOutcome> {
    const context = {
      policy,
      logger: logger.child({ watch: watch.id }),
      owner,
      now,
      sleep: (ms: number) => sleep(ms, abort.signal),
      stopping: ticker.stopping,
      defer: deferred.defer,
      poster,
    };
    if (retry?.view) {
      // A failed post is sent again as it was claimed, never re-ranked.
      const pick = { paperId: retry.announcement ?? '', view: retry.view };
      return deliver(
        { ...context, store: store.postLog(watch, retry.view, []) },
        watch,
        date,
        pick,
        retry,
      );
    }
    const plan = await posts.plan(watch, date);
    if (plan.kind === 'down') {
      store.noteFeedError(watch.id, plan.error, now());
      return 'feedDown';
    }
    if (watch.feedError !== undefined) store.noteFeedError(watch.id, undefined, now());
    if (plan.kind === 'none') return 'none';
    if (plan.kind === 'quiet') {
      return store.claimQuiet(watch, date, plan.announcement, owner, now()) ? 'quiet' : 'taken';
    }
    const log = store.postLog(watch, plan.view, plan.papers);
    const pick = { paperId: plan.announcement, view: plan.view };
    return deliver({ ...context, store: log }, watch, date, pick, undefined);
  }

  return { tick: ticker.tick, start: ticker.start, stop: ticker.stop };
}

async function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the runner is stopping; the failure is recorded for a later run.
  }
}
