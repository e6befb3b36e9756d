import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { DailyPoster, Platform } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { PickedDay } from './daily-picker.ts';
import type { DailyStore } from './daily-store.ts';
import { createDeferredWrites } from './deferred-writes.ts';
import {
  DEFAULT_RETRY_POLICY,
  type DeliveryContext,
  deliver,
  type RetryPolicy,
} from './deliver.ts';
import { type CatchUp, DEFAULT_CATCH_UP, DEFAULT_LATE_AFTER_MS, type DueOptions } from './due.ts';
import { dueDeliveries } from './due-deliveries.ts';
import { createMinuteTicker } from './minute-ticker.ts';
import { emptyTickReport, storageFailureCheck, type TickReport } from './tick-report.ts';

/** Posts sent at once; each platform's client also queues by its own rate limits. */
export const DEFAULT_CONCURRENCY = 4;

/** A claim older than this was left by a process that died mid-send: it becomes `unknown`. */
export const DEFAULT_CLAIM_LEASE_MS = 15 * 60_000;

/** How long `stop` waits for posts in flight. */
export const STOP_GRACE_MS = 10_000;

export interface SchedulerOptions {
  store: DailyStore;
  /** The platforms that can post; subscriptions of other platforms wait until one is given. */
  posters: readonly DailyPoster[];
  /** The day's paper and view for a local date (see `createDailyPicker`). */
  pick: (date: string) => PickedDay;
  logger: Logger;
  /** The clock, epoch ms (injected so tests drive time). */
  now?: () => number;
  /** Waits between retries; resolves early when the scheduler stops. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  catchUp?: CatchUp;
  lateAfterMs?: number;
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  claimLeaseMs?: number;
  /** Names this scheduler's claims in the post log (default: a random id per process). */
  owner?: string;
  /** How long `stop` waits for posts in flight (default `STOP_GRACE_MS`). */
  stopGraceMs?: number;
}

export interface Scheduler {
  /** Runs one tick at the clock's time: posts whatever is due. Overlapping calls share one run. */
  tick(): Promise<TickReport>;
  /** Ticks now (catching up) and then every minute. */
  start(): void;
  /** Stops ticking, lets posts in flight finish (no new retries), and resolves when idle. */
  stop(): Promise<void>;
  /** The due rules this scheduler applies (for `status`). */
  readonly due: DueOptions;
}

/** Creates the daily scheduler: one minute tick that posts whatever subscription is due. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const abort = new AbortController();
  const sleep = options.sleep ?? defaultSleep;
  const due: DueOptions = {
    catchUp: options.catchUp ?? DEFAULT_CATCH_UP,
    lateAfterMs: options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS,
  };
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const posters = new Map<Platform, DailyPoster>(options.posters.map((p) => [p.platform, p]));
  const deferred = createDeferredWrites(logger);
  const ticker = createMinuteTicker(runTick, {
    logger,
    stopGraceMs: options.stopGraceMs ?? STOP_GRACE_MS,
    onStop: () => abort.abort(),
  });

  const delivery: Omit<DeliveryContext, 'poster'> = {
    store,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    logger,
    owner: options.owner ?? randomUUID(),
    now,
    sleep: (ms) => sleep(ms, abort.signal),
    stopping: ticker.stopping,
    defer: deferred.defer,
  };

  async function runTick(): Promise<TickReport> {
    const report = emptyTickReport();
    const at = now();
    const storageDown = storageFailureCheck(report, logger);
    deferred.flush();
    if (!sweepAbandoned(store, at - leaseMs, report, logger, storageDown)) return report;
    const work = dueDeliveries(
      {
        store,
        pick: options.pick,
        logger,
        posters,
        due,
        report,
        storageDown,
        deliver: (poster, ...post) => deliver({ ...delivery, poster }, ...post),
      },
      at,
    );
    if (report.storageFailure !== undefined) return report;

    // Once stopping or the storage failed, the posts not yet started are left for a later tick.
    await pLimit(concurrency).map(work, async (post) => {
      if (ticker.stopping() || report.storageFailure !== undefined) return;
      const outcome = await post();
      if (outcome === 'paused') report.failed += 1;
      report[outcome] += 1;
    });
    if (report.posted + report.failed + report.skipped + report.unrecorded > 0) {
      logger.info({ ...report }, 'daily tick');
    }
    return report;
  }

  return { tick: ticker.tick, start: ticker.start, stop: ticker.stop, due };
}

/**
 * Turns claims older than the lease (left by a process that died mid-send) into `unknown`,
 * never sent again; false when the database refused, which ends the tick.
 */
function sweepAbandoned(
  store: DailyStore,
  claimedBefore: number,
  report: TickReport,
  logger: Logger,
  storageDown: (error: unknown) => boolean,
): boolean {
  try {
    report.abandoned = store.sweepStaleClaims(claimedBefore);
  } catch (error) {
    if (!storageDown(error)) throw error;
    return false;
  }
  if (report.abandoned > 0) {
    logger.warn(
      { count: report.abandoned },
      'daily posts claimed but never recorded (the bot stopped while posting); not sent again',
    );
  }
  return true;
}

async function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the scheduler is stopping; the caller records the failure for a later run.
  }
}
