import { type App, webApi } from '@slack/bolt';
import type { Logger } from '../shared/logger.ts';
import { describeError } from './slack-client.ts';

const { ErrorCode } = webApi;

/**
 * How Shammie's Slack Web API client treats slow and failing calls. Bolt's `WebClient` has no
 * timeout by default (a call can hang forever) and retries ten times over half an hour, any
 * failure, posts included; both are replaced here: only what Slack refused before acting is
 * repeated (docs/reliability.md, "Slack writes whose answer is lost").
 */

/** Longest one Web API call may take before it is abandoned. */
export const WEB_API_TIMEOUT_MS = 10_000;

/** Network errors raised before any byte reached Slack: the call cannot have taken effect. */
export const NEVER_SENT: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** Platform errors after which Slack says part of the work may have been done. */
const MAYBE_DONE = new Set(['internal_error', 'fatal_error']);

/** What the WebClient raises for a failed call, as far as this module reads it. */
interface WebApiFailure {
  code?: string;
  message?: string;
  statusCode?: number;
  data?: { error?: string };
  original?: { code?: string };
}

const asFailure = (error: unknown): WebApiFailure => (error ?? {}) as WebApiFailure;

/**
 * True when Slack answered 429. The client rejects a failed call with one of the Web API's four
 * codes (`ErrorCode`), except after a 429: waiting out its Retry-After, it throws an error with
 * no code to make its retry loop try again (and a 429 with no usable Retry-After likewise), so a
 * Web API failure without a code is a rate limit.
 */
export function isRateLimited(error: unknown): boolean {
  const code = asFailure(error).code;
  return code === ErrorCode.RateLimitedError || code === undefined;
}

/**
 * True when repeating the call cannot duplicate anything: Slack rate-limited it (a 429 is
 * answered before any work), or the connection was never made. A 5xx, a timeout or a connection
 * dropped mid-call may hide a message that was posted — a proxy in front of Slack, or Slack
 * itself, can fail after the work is done — so those are not repeated blindly.
 */
export function isSafeToRepeat(error: unknown): boolean {
  const e = asFailure(error);
  if (isRateLimited(e)) return true;
  if (e.code === ErrorCode.HTTPError) return e.statusCode === 429;
  if (e.code === ErrorCode.RequestError) return NEVER_SENT.has(e.original?.code ?? '');
  return false;
}

/**
 * True when a failed post may nonetheless be in the channel: the call went out and nothing
 * Slack said rules that out (a timeout, a dropped connection, a 5xx, `internal_error`).
 */
export function mayHaveLanded(error: unknown): boolean {
  const e = asFailure(error);
  switch (e.code) {
    case ErrorCode.PlatformError:
      return MAYBE_DONE.has(e.data?.error ?? '');
    case ErrorCode.HTTPError:
      return e.statusCode !== 429;
    case ErrorCode.RequestError:
      return !NEVER_SENT.has(e.original?.code ?? '');
    default:
      // A rate limit (coded or not): Slack refused before doing anything.
      return !isRateLimited(e);
  }
}

/** p-retry's view of a failed attempt. */
interface FailedAttempt {
  attemptNumber?: number;
  retriesLeft?: number;
  original?: { config?: { url?: string } };
}

/** The Web API method of a call's URL (`…/api/chat.postMessage` → `chat.postMessage`). */
function methodOf(url: string | undefined): string {
  return url?.split('/').pop() || 'Web API call';
}

/** Retries: a few quick ones (an answer minutes late helps nobody). */
const RETRY_TIMING = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 };

/**
 * Retries of the Web API client (p-retry options): a few quick ones, only for failures that are
 * safe to repeat (`isSafeToRepeat`), each logged at warn. Anything else ends the retries at once
 * and is the caller's to log with its outcome.
 */
export function webApiRetry(logger?: Logger): typeof RETRY_TIMING & {
  onFailedAttempt(error: unknown): void;
} {
  return {
    ...RETRY_TIMING,
    onFailedAttempt(error: unknown): void {
      // Throwing here ends the retries with this error.
      if (!isSafeToRepeat(error)) throw error;
      const attempt = error as FailedAttempt;
      // A rate limit is logged, method and all, from the client's `rate_limited` event.
      if ((attempt.retriesLeft ?? 0) > 0 && !isRateLimited(error)) {
        logger?.warn(
          {
            platform: 'slack',
            method: methodOf(attempt.original?.config?.url),
            attempt: attempt.attemptNumber,
            outcome: 'retried',
            ...describeError(error),
          },
          'Slack Web API call failed before Slack acted on it; retrying',
        );
      }
    },
  };
}

/** The retries without logging, for clients that have no logger. */
export const WEB_API_RETRY = webApiRetry();

/** The WebClient options every Shammie client uses: `webApiRetry` and a timeout. */
export function webClientOptions(
  timeoutMs: number = WEB_API_TIMEOUT_MS,
  logger?: Logger,
): {
  retryConfig: ReturnType<typeof webApiRetry>;
  timeout: number;
} {
  return { retryConfig: webApiRetry(logger), timeout: timeoutMs };
}

/**
 * Logs at warn every 429 a Web API client waits out before trying again, naming the method:
 * the client's public `rate_limited` event says which call it was, where its error cannot.
 * Watches the app's own client and, through a global middleware, every client Bolt hands a
 * listener (one per workspace), each once.
 */
export function logRateLimits(app: Pick<App, 'client' | 'use'>, logger: Logger): void {
  const watched = new WeakSet<webApi.WebClient>();
  const watch = (client: webApi.WebClient): void => {
    if (watched.has(client)) return;
    watched.add(client);
    client.on(
      webApi.WebClientEvent.RATE_LIMITED,
      (retryAfterSeconds: number, call: { url?: string }) =>
        logger.warn(
          {
            platform: 'slack',
            method: methodOf(call?.url),
            retryInMs: retryAfterSeconds * 1000,
            outcome: 'retried',
          },
          'Slack rate-limited a Web API call; retrying after its Retry-After',
        ),
    );
  };
  watch(app.client);
  app.use(async ({ client, next }) => {
    watch(client);
    await next();
  });
}
