import { localDate } from '../shared/local-date.ts';
import type { PostRecord, Subscription } from './daily-store.ts';
import { firstSlotAfterDate, firstSlotOn } from './schedule.ts';

/** What to do with a slot that passed while the bot was down: post it late, or let the day go. */
export type CatchUp = 'catch-up' | 'skip';

/** Default: a missed slot is posted once, late, the same local day. */
export const DEFAULT_CATCH_UP: CatchUp = 'catch-up';

/** A post this late (after its slot) counts as missed, for `skip`. Ticks run every minute. */
export const DEFAULT_LATE_AFTER_MS = 5 * 60_000;

export interface DueOptions {
  catchUp: CatchUp;
  lateAfterMs: number;
}

/** The subscription's slot on its local date at `now` (slot undefined: no run that day). */
export function slotToday(
  subscription: Pick<Subscription, 'cron' | 'timezone'>,
  now: number,
): { date: string; slot: number | undefined } {
  const date = localDate(now, subscription.timezone);
  return { date, slot: firstSlotOn(subscription.cron, subscription.timezone, date) };
}

/**
 * What a tick does for one subscription. `post`: send now (a first attempt, or a retry of a
 * failed row that is due); `skip`: record the missed slot and send nothing; `wait`: nothing.
 * Only the local date of `now` is considered, so a slot is never owed on another day.
 */
export type Decision =
  | { action: 'post'; date: string; slot: number; retry?: PostRecord }
  | { action: 'skip'; date: string; slot: number }
  | { action: 'wait' };

export function decide(
  subscription: Subscription,
  now: number,
  date: string,
  slot: number | undefined,
  row: PostRecord | undefined,
  options: DueOptions,
): Decision {
  if (subscription.paused || slot === undefined || slot > now) return { action: 'wait' };
  // Subscribed (or rescheduled) after today's slot: nothing is owed today.
  if (slot < subscription.activeFrom) return { action: 'wait' };
  if (row) {
    if (row.status === 'failed' && row.nextAttemptAt !== undefined && row.nextAttemptAt <= now) {
      return { action: 'post', date, slot, retry: row };
    }
    return { action: 'wait' };
  }
  if (options.catchUp === 'skip' && now - slot > options.lateAfterMs) {
    return { action: 'skip', date, slot };
  }
  return { action: 'post', date, slot };
}

/**
 * When the next post should happen, for `status`: today's slot if it is still owed (now, when
 * it is due or overdue), else the first slot of a later day. Undefined when the pattern never
 * fires again or the subscription is paused.
 */
export function nextPostAt(
  subscription: Subscription,
  now: number,
  rowToday: PostRecord | undefined,
  options: DueOptions,
): number | undefined {
  if (subscription.paused) return undefined;
  const { date, slot } = slotToday(subscription, now);
  const decision = decide(subscription, now, date, slot, rowToday, options);
  if (decision.action === 'post') return now;
  if (slot !== undefined && slot > now && slot >= subscription.activeFrom && !rowToday) return slot;
  const retryAt = rowToday?.status === 'failed' ? rowToday.nextAttemptAt : undefined;
  // A failed post is retried only on its own local date.
  if (retryAt !== undefined && localDate(retryAt, subscription.timezone) === date) return retryAt;
  return firstSlotAfterDate(subscription.cron, subscription.timezone, date)?.slot;
}
