import type { PostError } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { Claim, DeliveryContext, DeliveryOutcome, DeliveryTarget } from './deliver.ts';
import { errorMessage } from './error-message.ts';

/**
 * A post the platform refused for good (deleted channel, bot removed): recorded to be tried
 * again after `permanentRetryMs`, and counted towards pausing the subscription.
 */
export function recordRefused(
  context: DeliveryContext<unknown>,
  log: Logger,
  subscription: DeliveryTarget,
  claim: Claim,
  failure: PostError,
): DeliveryOutcome {
  const { store, policy, owner, now } = context;
  const retryAt = now() + policy.permanentRetryMs;
  record(context, log, 'failed post', () =>
    store.recordFailed(claim.id, owner, failure.message, retryAt),
  );
  let counted = { failures: 0, paused: false };
  try {
    counted = store.notePermanentFailure(
      subscription.platform,
      subscription.channelId,
      failure.message,
      policy.pauseAfter,
      now(),
    );
  } catch (error) {
    // Not counted this time: the post is still retried, the pause just comes later.
    log.error({ err: errorMessage(error) }, 'could not count a refused daily post');
  }
  const { failures, paused } = counted;
  log.warn({ err: failure.message, failures }, 'daily post refused by the platform');
  if (!paused) return 'failed';
  log.warn(
    { failures },
    'daily subscription paused after repeated permanent failures; subscribe again to resume',
  );
  return 'paused';
}

/**
 * A transient failure past this tick's tries: recorded to be retried by a later tick, after a
 * wait that doubles each round of tries (or the platform's longer Retry-After).
 */
export function postponeFailed(
  context: DeliveryContext<unknown>,
  log: Logger,
  claim: Claim,
  failure: PostError,
): DeliveryOutcome {
  const { store, policy, owner, now } = context;
  const rounds = Math.ceil(claim.attempts / policy.attemptsPerTick);
  const later = Math.max(
    failure.retryAfterMs ?? 0,
    Math.min(policy.retryLaterMs * 2 ** (rounds - 1), policy.maxRetryLaterMs),
  );
  const retryAt = now() + later;
  record(context, log, 'failed post', () =>
    store.recordFailed(claim.id, owner, failure.message, retryAt),
  );
  log.warn(
    { err: failure.message, attempts: claim.attempts, retryInMs: later },
    'daily post failed, will retry later today',
  );
  return 'failed';
}

/**
 * Records the outcome of an attempt that sent nothing. When the database refuses, the claim
 * would stay `claimed` and become `unknown` — never retried, though nothing went out — so the
 * record is kept to be written on a later tick, which then retries the post as planned.
 */
function record(
  context: DeliveryContext<unknown>,
  log: Logger,
  what: string,
  write: () => void,
): void {
  try {
    write();
  } catch (error) {
    log.error({ err: errorMessage(error) }, `could not record a ${what}; will record it later`);
    context.defer?.({ what, write });
  }
}
