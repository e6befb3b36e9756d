import type { DailyView } from '../../src/index.ts';
import { PostError } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { DailyStore, PostRecord, Subscription } from './daily-store.ts';
import type { DeferredWrite } from './deferred-writes.ts';
import { errorMessage } from './error-message.ts';
import { postponeFailed, recordRefused } from './failed-post.ts';
import { recordSent } from './sent-post.ts';

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

/**
 * The claim/record log a delivery writes: the daily posts table, or another table with the same
 * rules (the watches' post log), whose rows are keyed by what it posts for.
 */
export type PostLog = Pick<
  DailyStore,
  | 'claim'
  | 'reclaim'
  | 'noteAttempt'
  | 'recordPosted'
  | 'recordFailed'
  | 'notePermanentFailure'
  | 'noteSuccess'
>;

/** What a delivery posts through: a platform's daily poster, or a poster of another view. */
export interface ViewPoster<View> {
  postDaily(channelId: string, view: View): Promise<{ messageId: string }>;
}

/** What one delivery posts: the view, and what the log keeps of it (the paper, or a key). */
export interface PickedView<View> {
  paperId: string;
  view: View;
}

/** Where a delivery goes: the subscription's (or a watch's) platform and channel. */
export type DeliveryTarget = Pick<Subscription, 'platform' | 'channelId'>;

export interface DeliveryContext<View = DailyView> {
  store: PostLog;
  poster: ViewPoster<View>;
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

/** The claimed post-log row and how many attempts it has had, this one included. */
export interface Claim {
  id: number;
  attempts: number;
}

/**
 * Claims the (channel, date), then posts, then records the message id — in that order, so that
 * whatever happens, a date is never sent twice (see docs/daily.md). Failures are retried with
 * backoff; permanent ones count towards pausing the subscription.
 */
export async function deliver<View>(
  context: DeliveryContext<View>,
  subscription: DeliveryTarget,
  date: string,
  pick: PickedView<View>,
  retry: Pick<PostRecord, 'id' | 'attempts'> | undefined,
): Promise<DeliveryOutcome> {
  const { platform, channelId } = subscription;
  const log = context.logger.child({ platform, channel: channelId, date });
  const claim = claimDate(context, subscription, date, pick, retry);
  if (claim === undefined) return 'taken';

  for (let round = 1; ; round += 1) {
    let messageId: string;
    try {
      ({ messageId } = await context.poster.postDaily(channelId, pick.view));
    } catch (error) {
      const failure = asPostError(error);
      if (failure.permanent) return recordRefused(context, log, subscription, claim, failure);
      if (await retriedNow(context, log, claim, failure, round)) continue;
      return postponeFailed(context, log, claim, failure);
    }
    return recordSent(context, log, subscription, claim, messageId, pick);
  }
}

/** Claims the date (or reclaims a failed attempt's row); undefined when another owns it. */
function claimDate<View>(
  context: DeliveryContext<View>,
  subscription: DeliveryTarget,
  date: string,
  pick: PickedView<View>,
  retry: Pick<PostRecord, 'id' | 'attempts'> | undefined,
): Claim | undefined {
  const { store, owner, now } = context;
  if (retry) {
    if (!store.reclaim(retry.id, owner, pick.paperId, now())) return undefined;
    return { id: retry.id, attempts: retry.attempts + 1 };
  }
  const id = store.claim(
    subscription.platform,
    subscription.channelId,
    date,
    pick.paperId,
    owner,
    now(),
  );
  return id === undefined ? undefined : { id, attempts: 1 };
}

/**
 * Waits and tries again within this tick when attempts and the wait allow (a Retry-After longer
 * than `maxInlineDelayMs` waits for a later tick) and the scheduler is not stopping.
 */
async function retriedNow(
  context: DeliveryContext<unknown>,
  log: Logger,
  claim: Claim,
  failure: PostError,
  round: number,
): Promise<boolean> {
  const { policy } = context;
  const delay = failure.retryAfterMs ?? policy.baseDelayMs * 2 ** (round - 1);
  if (round >= policy.attemptsPerTick || delay > policy.maxInlineDelayMs || context.stopping()) {
    return false;
  }
  log.info(
    { err: failure.message, attempt: claim.attempts, delayMs: delay },
    'daily post failed, retrying',
  );
  await context.sleep(delay);
  if (context.stopping()) return false;
  claim.attempts += 1;
  try {
    context.store.noteAttempt(claim.id, context.owner, context.now());
  } catch {
    // Only a counter: the attempt goes ahead, the retry waits are computed in memory.
  }
  return true;
}

/** Any rejection as a PostError: errors that are not PostErrors are treated as transient. */
function asPostError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  return new PostError(errorMessage(error), false);
}
