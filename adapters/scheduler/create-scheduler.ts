import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Cron } from 'croner';
import pLimit from 'p-limit';
import type { DailyPoster, Platform } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { PickedDay } from './daily-picker.ts';
import type { DailyStore } from './daily-store.ts';
import {
  DEFAULT_RETRY_POLICY,
  type DeferredWrite,
  type DeliveryContext,
  type DeliveryOutcome,
  deliver,
  type RetryPolicy,
} from './deliver.ts';
import {
  type CatchUp,
  DEFAULT_CATCH_UP,
  DEFAULT_LATE_AFTER_MS,
  type Decision,
  type DueOptions,
  decide,
  slotToday,
} from './due.ts';
import { storageCode, storageReason } from './storage-failure.ts';

/** Posts sent at once; each platform's client also queues by its own rate limits. */
export const DEFAULT_CONCURRENCY = 4;

/** A claim older than this was left by a process that died mid-send: it becomes `unknown`. */
export const DEFAULT_CLAIM_LEASE_MS = 15 * 60_000;

/** How long `stop` waits for posts in flight. */
export const STOP_GRACE_MS = 10_000;

/** Records kept in memory while the database refuses them; beyond this the oldest is dropped. */
export const MAX_DEFERRED_WRITES = 10_000;

/** The tick: every minute, at second 0. */
const TICK_PATTERN = '0 * * * * *';

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

/** What one tick did, for logs and tests. */
export interface TickReport {
  /** Subscriptions that were looked at. */
  checked: number;
  posted: number;
  failed: number;
  paused: number;
  /** Dates another tick or process had already claimed. */
  taken: number;
  skipped: number;
  unrecorded: number;
  /** Claims found abandoned (process died mid-send), now `unknown`. */
  abandoned: number;
  /** Set when the database refused a write: the tick stopped early, the next one tries again. */
  storageFailure?: string;
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
  const { store, pick, logger } = options;
  const now = options.now ?? Date.now;
  const abort = new AbortController();
  const sleep = options.sleep ?? defaultSleep;
  const owner = options.owner ?? randomUUID();
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const due: DueOptions = {
    catchUp: options.catchUp ?? DEFAULT_CATCH_UP,
    lateAfterMs: options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS,
  };
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const posters = new Map<Platform, DailyPoster>(options.posters.map((p) => [p.platform, p]));

  const stopGraceMs = options.stopGraceMs ?? STOP_GRACE_MS;

  let running: Promise<TickReport> | undefined;
  let cron: Cron | undefined;
  let stopping = false;
  // Records the database refused (disk full, read-only), written again at the next ticks.
  const deferred: DeferredWrite[] = [];
  const defer = (write: DeferredWrite) => {
    if (deferred.length >= MAX_DEFERRED_WRITES) deferred.shift();
    deferred.push(write);
  };

  const contextFor = (poster: DailyPoster): DeliveryContext => ({
    store,
    poster,
    policy,
    logger,
    owner,
    now,
    sleep: (ms) => sleep(ms, abort.signal),
    stopping: () => stopping,
    defer,
  });

  /** Writes what the database refused before; what it refuses again waits for the next tick. */
  function flushDeferred(): void {
    for (const item of deferred.splice(0)) {
      try {
        item.write();
        logger.info({ what: item.what }, 'daily post record written late');
      } catch {
        deferred.push(item);
      }
    }
  }

  async function runTick(): Promise<TickReport> {
    const report: TickReport = {
      checked: 0,
      posted: 0,
      failed: 0,
      paused: 0,
      taken: 0,
      skipped: 0,
      unrecorded: 0,
      abandoned: 0,
    };
    const at = now();
    // A refusing database stops this tick early with one log line; the next tick tries again.
    // Nothing is half-made: each write is one statement or one transaction.
    const storageDown = (error: unknown): boolean => {
      if (storageCode(error) === undefined) return false;
      if (report.storageFailure === undefined) {
        report.storageFailure = storageCode(error);
        logger.error(
          { code: report.storageFailure, reason: storageReason(error) },
          'the daily database cannot be written; daily posts wait for the next tick',
        );
      }
      return true;
    };
    flushDeferred();
    try {
      report.abandoned = store.sweepStaleClaims(at - leaseMs);
    } catch (error) {
      if (!storageDown(error)) throw error;
      return report;
    }
    if (report.abandoned > 0) {
      logger.warn(
        { count: report.abandoned },
        'daily posts claimed but never recorded (the bot stopped while posting); not sent again',
      );
    }

    const work: Array<() => Promise<DeliveryOutcome>> = [];
    const picks = new Map<string, PickedDay | null>();
    for (const subscription of store.activeSubscriptions()) {
      const poster = posters.get(subscription.platform);
      if (!poster) continue;
      report.checked += 1;
      let decision: Decision;
      try {
        const { date, slot } = slotToday(subscription, at);
        const row =
          slot === undefined
            ? undefined
            : store.getPost(subscription.platform, subscription.channelId, date);
        decision = decide(subscription, at, date, slot, row, due);
      } catch (error) {
        // One unusable row (a zone this Node no longer knows) must not stop the others.
        logger.error(
          { err: message(error), platform: subscription.platform, channel: subscription.channelId },
          'daily subscription could not be scheduled',
        );
        continue;
      }
      if (decision.action === 'wait') continue;
      const { date } = decision;
      if (decision.action === 'skip') {
        try {
          store.recordSkipped(subscription.platform, subscription.channelId, date, at);
        } catch (error) {
          if (!storageDown(error)) throw error;
          return report;
        }
        report.skipped += 1;
        logger.info(
          { platform: subscription.platform, channel: subscription.channelId, date },
          'daily slot missed while the bot was down; skipped (catch-up is off)',
        );
        continue;
      }
      const retry = decision.retry;
      const today = pickFor(date, picks, storageDown);
      if (report.storageFailure !== undefined) return report;
      if (!today) continue;
      work.push(() =>
        deliver(contextFor(poster), subscription, date, today, retry).catch(
          (error: unknown): DeliveryOutcome => {
            // The claim was refused (disk full, read-only): nothing was sent, the date is
            // still owed and the next tick tries again; the rest of this tick would fail alike.
            if (storageDown(error)) return 'failed';
            // Anything else around a post: whatever was claimed stays claimed and is never
            // re-sent; the other channels go on.
            logger.error(
              {
                err: message(error),
                platform: subscription.platform,
                channel: subscription.channelId,
                date,
              },
              'daily post could not be handled',
            );
            return 'failed';
          },
        ),
      );
    }

    // Once stopping or the storage failed, the posts not yet started are left for a later tick.
    await pLimit(concurrency).map(work, async (post) => {
      if (stopping || report.storageFailure !== undefined) return;
      const outcome = await post();
      if (outcome === 'paused') report.failed += 1;
      report[outcome] += 1;
    });
    if (report.posted + report.failed + report.skipped + report.unrecorded > 0) {
      logger.info({ ...report }, 'daily tick');
    }
    return report;
  }

  function pickFor(
    date: string,
    picks: Map<string, PickedDay | null>,
    storageDown: (error: unknown) => boolean,
  ): PickedDay | undefined {
    if (!picks.has(date)) {
      try {
        picks.set(date, pick(date));
      } catch (error) {
        picks.set(date, null);
        // The pick is remembered in the database: a refused write is the database's failure.
        if (storageDown(error)) return undefined;
        // No paper (empty corpus, a bug): post nothing for that date this tick, try next tick.
        logger.error({ err: message(error), date }, 'no daily paper');
      }
    }
    return picks.get(date) ?? undefined;
  }

  function tick(): Promise<TickReport> {
    if (!running) {
      running = runTick().finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  function guardedTick(): void {
    if (stopping) return;
    tick().catch((error: unknown) => {
      // A broken tick (database gone, a bug) is logged; the next minute tries again.
      logger.error({ err: message(error) }, 'daily tick failed');
    });
  }

  return {
    tick,
    due,
    start() {
      if (cron || stopping) return;
      cron = new Cron(TICK_PATTERN, { protect: true }, guardedTick);
      guardedTick();
    },
    async stop() {
      stopping = true;
      cron?.stop();
      abort.abort();
      // A post that hangs must not hold the process forever: its claim stays, never re-sent.
      await Promise.race([
        running?.catch(() => undefined),
        delay(stopGraceMs, undefined, { ref: false }),
      ]);
    },
  };
}

async function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the scheduler is stopping; the caller records the failure for a later run.
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
