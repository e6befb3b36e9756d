import { type DailyPoster, PostError } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { PickedDay } from './daily-picker.ts';
import type { DailyStore, PostRecord, Subscription } from './daily-store.ts';

/** How one post is retried. */
export interface RetryPolicy {
  /** Attempts within one tick before the post waits for a later tick. */
  attemptsPerTick: number;
  /** First wait between attempts in a tick; doubles each time. */
  baseDelayMs: number;
  /** Longest wait spent inside a tick (a longer Retry-After waits for a later tick instead). */
  maxInlineDelayMs: number;
  /** First wait before a later tick retries a transient failure; doubles each round. */
  retryLaterMs: number;
  /** Longest wait between rounds. */
  maxRetryLaterMs: number;
  /** Wait before a permanent failure (deleted channel, bot removed) is tried again. */
  permanentRetryMs: number;
  /** Consecutive permanent failures after which the subscription is paused. */
  pauseAfter: number;
}

/** Defaults: three quick tries, then rounds 5, 10, 20… minutes apart; pause after 3 refusals. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attemptsPerTick: 3,
  baseDelayMs: 2_000,
  maxInlineDelayMs: 30_000,
  retryLaterMs: 5 * 60_000,
  maxRetryLaterMs: 60 * 60_000,
  permanentRetryMs: 60 * 60_000,
  pauseAfter: 3,
};

/** How a delivery ended: `taken` means another tick or process owns the date. */
export type DeliveryOutcome = 'posted' | 'failed' | 'paused' | 'taken' | 'unrecorded';

export interface DeliveryContext {
  store: DailyStore;
  poster: DailyPoster;
  policy: RetryPolicy;
  logger: Logger;
  owner: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** True once the scheduler is stopping: no further retries start. */
  stopping: () => boolean;
  /**
   * Keeps a record the database refused (full, read-only) to be written on a later tick.
   * Without it the write is only logged.
   */
  defer?: (write: DeferredWrite) => void;
}

/** A record that could not be written yet: what it says, and the write to try again. */
export interface DeferredWrite {
  what: string;
  write: () => void;
}

/**
 * Claims the (channel, date), then posts, then records the message id — in that order, so that
 * whatever happens, a date is never sent twice (see docs/daily.md). Failures are retried with
 * backoff; permanent ones count towards pausing the subscription.
 */
export async function deliver(
  context: DeliveryContext,
  subscription: Subscription,
  date: string,
  pick: PickedDay,
  retry: PostRecord | undefined,
): Promise<DeliveryOutcome> {
  const { store, poster, policy, owner, now } = context;
  const { platform, channelId } = subscription;
  const log = context.logger.child({ platform, channel: channelId, date });

  let id: number;
  let attempts: number;
  if (retry) {
    if (!store.reclaim(retry.id, owner, pick.paperId, now())) return 'taken';
    id = retry.id;
    attempts = retry.attempts + 1;
  } else {
    const claimed = store.claim(platform, channelId, date, pick.paperId, owner, now());
    if (claimed === undefined) return 'taken';
    id = claimed;
    attempts = 1;
  }

  for (let round = 1; ; round += 1) {
    let messageId: string;
    try {
      ({ messageId } = await poster.postDaily(channelId, pick.view));
    } catch (error) {
      const failure = asPostError(error);
      if (failure.permanent) {
        const retryAt = now() + policy.permanentRetryMs;
        record(context, log, 'failed post', () =>
          store.recordFailed(id, owner, failure.message, retryAt),
        );
        let counted = { failures: 0, paused: false };
        try {
          counted = store.notePermanentFailure(
            platform,
            channelId,
            failure.message,
            policy.pauseAfter,
            now(),
          );
        } catch (error) {
          // Not counted this time: the post is still retried, the pause just comes later.
          log.error({ err: describe(error) }, 'could not count a refused daily post');
        }
        const { failures, paused } = counted;
        log.warn({ err: failure.message, failures }, 'daily post refused by the platform');
        if (paused) {
          log.warn(
            { failures },
            'daily subscription paused after repeated permanent failures; subscribe again to resume',
          );
          return 'paused';
        }
        return 'failed';
      }
      const delay = failure.retryAfterMs ?? policy.baseDelayMs * 2 ** (round - 1);
      if (
        round < policy.attemptsPerTick &&
        delay <= policy.maxInlineDelayMs &&
        !context.stopping()
      ) {
        log.info(
          { err: failure.message, attempt: attempts, delayMs: delay },
          'daily post failed, retrying',
        );
        await context.sleep(delay);
        if (!context.stopping()) {
          attempts += 1;
          try {
            store.noteAttempt(id, owner, now());
          } catch {
            // Only a counter: the attempt goes ahead, the retry waits are computed in memory.
          }
          continue;
        }
      }
      const rounds = Math.ceil(attempts / policy.attemptsPerTick);
      const later = Math.max(
        failure.retryAfterMs ?? 0,
        Math.min(policy.retryLaterMs * 2 ** (rounds - 1), policy.maxRetryLaterMs),
      );
      const retryAt = now() + later;
      record(context, log, 'failed post', () =>
        store.recordFailed(id, owner, failure.message, retryAt),
      );
      log.warn(
        { err: failure.message, attempts, retryInMs: later },
        'daily post failed, will retry later today',
      );
      return 'failed';
    }
    // Sent. From here on, never send again: a failure to record leaves the claim, which is
    // never re-sent (at most once); the record itself is written later when it can be.
    const postedAt = now();
    try {
      if (!store.recordPosted(id, owner, messageId, postedAt)) {
        log.error({ messageId }, 'daily post sent but its claim was no longer ours');
        return 'unrecorded';
      }
    } catch (error) {
      log.error({ err: describe(error), messageId }, 'daily post sent but not recorded');
      context.defer?.({
        what: 'sent post',
        write: () => {
          store.recordPosted(id, owner, messageId, postedAt);
          store.noteSuccess(platform, channelId);
        },
      });
      return 'unrecorded';
    }
    try {
      store.noteSuccess(platform, channelId);
    } catch {
      // Only resets the failure count; the next success resets it.
    }
    log.info({ messageId, paper: pick.paperId }, 'daily paper posted');
    return 'posted';
  }
}

/**
 * Records the outcome of an attempt that sent nothing. When the database refuses, the claim
 * would stay `claimed` and become `unknown` — never retried, though nothing went out — so the
 * record is kept to be written on a later tick, which then retries the post as planned.
 */
function record(context: DeliveryContext, log: Logger, what: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    log.error({ err: describe(error) }, `could not record a ${what}; will record it later`);
    context.defer?.({ what, write });
  }
}

/** Any rejection as a PostError: errors that are not PostErrors are treated as transient. */
function asPostError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  return new PostError(describe(error), false);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
