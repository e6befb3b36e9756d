import type { DailyPoster, Platform } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { PickedDay } from './daily-picker.ts';
import type { DailyStore, PostRecord, Subscription } from './daily-store.ts';
import type { DeliveryOutcome } from './deliver.ts';
import { type Decision, type DueOptions, decide, slotToday } from './due.ts';
import { errorMessage } from './error-message.ts';
import type { TickReport } from './tick-report.ts';

/** One post to make: runs to its outcome and never rejects. */
export type DeliveryTask = () => Promise<DeliveryOutcome>;

/** What a tick reads to find the posts that are due. */
export interface DueScan {
  store: DailyStore;
  /** The platforms that can post now; other subscriptions wait. */
  posters: ReadonlyMap<Platform, DailyPoster>;
  /** The day's paper and view for a local date. */
  pick: (date: string) => PickedDay;
  due: DueOptions;
  logger: Logger;
  /** This tick's report: `checked` and `skipped` are counted here. */
  report: TickReport;
  /** True when the error is the database refusing a write (see `storageFailureCheck`). */
  storageDown: (error: unknown) => boolean;
  /** Sends one due post (see `deliver`). */
  deliver: (
    poster: DailyPoster,
    subscription: Subscription,
    date: string,
    pick: PickedDay,
    retry: PostRecord | undefined,
  ) => Promise<DeliveryOutcome>;
}

/**
 * The posts due at `at`, one task per subscription whose slot has come (or whose retry is due),
 * recording on the way the slots that are skipped. When the database refuses a write the scan
 * stops: `report.storageFailure` is set and the caller sends nothing this tick.
 */
export function dueDeliveries(scan: DueScan, at: number): DeliveryTask[] {
  const { store, report } = scan;
  const tasks: DeliveryTask[] = [];
  const pickOf = dayPicker(scan);
  for (const subscription of store.activeSubscriptions()) {
    const poster = scan.posters.get(subscription.platform);
    if (!poster) continue;
    report.checked += 1;
    const decision = decisionFor(scan, subscription, at);
    if (decision === undefined || decision.action === 'wait') continue;
    const { date } = decision;
    if (decision.action === 'skip') {
      if (!recordSkip(scan, subscription, date, at)) return tasks;
      continue;
    }
    const today = pickOf(date);
    if (report.storageFailure !== undefined) return tasks;
    if (!today) continue;
    const retry = decision.retry;
    tasks.push(() =>
      scan
        .deliver(poster, subscription, date, today, retry)
        .catch((error: unknown) => failedDelivery(scan, subscription, date, error)),
    );
  }
  return tasks;
}

/** What to do for a subscription now; undefined (logged) when its row cannot be scheduled. */
function decisionFor(scan: DueScan, subscription: Subscription, at: number): Decision | undefined {
  try {
    const { date, slot } = slotToday(subscription, at);
    const row =
      slot === undefined
        ? undefined
        : scan.store.getPost(subscription.platform, subscription.channelId, date);
    return decide(subscription, at, date, slot, row, scan.due);
  } catch (error) {
    // One unusable row (a zone this Node no longer knows) must not stop the others.
    scan.logger.error(
      {
        err: errorMessage(error),
        platform: subscription.platform,
        channel: subscription.channelId,
      },
      'daily subscription could not be scheduled',
    );
    return undefined;
  }
}

/** Records a slot missed while the bot was down; false when the database refused the write. */
function recordSkip(scan: DueScan, subscription: Subscription, date: string, at: number): boolean {
  try {
    scan.store.recordSkipped(subscription.platform, subscription.channelId, date, at);
  } catch (error) {
    if (!scan.storageDown(error)) throw error;
    return false;
  }
  scan.report.skipped += 1;
  scan.logger.info(
    { platform: subscription.platform, channel: subscription.channelId, date },
    'daily slot missed while the bot was down; skipped (catch-up is off)',
  );
  return true;
}

/** The day's pick per date, made once per tick; undefined when there is none this tick. */
function dayPicker(scan: DueScan): (date: string) => PickedDay | undefined {
  const picks = new Map<string, PickedDay | null>();
  return (date) => {
    if (!picks.has(date)) {
      try {
        picks.set(date, scan.pick(date));
      } catch (error) {
        picks.set(date, null);
        // The pick is remembered in the database: a refused write is the database's failure.
        if (scan.storageDown(error)) return undefined;
        // No paper (empty corpus, a bug): post nothing for that date this tick, try next tick.
        scan.logger.error({ err: errorMessage(error), date }, 'no daily paper');
      }
    }
    return picks.get(date) ?? undefined;
  };
}

/** A delivery that threw: logged, counted as failed, and never sent again this tick. */
function failedDelivery(
  scan: DueScan,
  subscription: Subscription,
  date: string,
  error: unknown,
): DeliveryOutcome {
  // The claim was refused (disk full, read-only): nothing was sent, the date is still owed and
  // the next tick tries again; the rest of this tick would fail alike.
  if (scan.storageDown(error)) return 'failed';
  // Anything else around a post: whatever was claimed stays claimed and is never re-sent; the
  // other channels go on.
  scan.logger.error(
    {
      err: errorMessage(error),
      platform: subscription.platform,
      channel: subscription.channelId,
      date,
    },
    'daily post could not be handled',
  );
  return 'failed';
}
