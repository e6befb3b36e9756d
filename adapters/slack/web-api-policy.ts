import type { Logger } from '../shared/logger.ts';
import { describeError } from './slack-client.ts';

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

/** The WebClient's own error after it has waited out a 429 (it carries no code). */
function isRateLimitWait(error: WebApiFailure): boolean {
  return (
    error.code === 'slack_webapi_rate_limited_error' ||
    (error.code === undefined && /^A rate limit was exceeded/.test(error.message ?? ''))
  );
}

/**
 * True when repeating the call cannot duplicate anything: Slack rate-limited it (a 429 is
 * answered before any work), or the connection was never made. A 5xx, a timeout or a connection
 * dropped mid-call may hide a message that was posted — a proxy in front of Slack, or Slack
 * itself, can fail after the work is done — so those are not repeated blindly.
 */
export function isSafeToRepeat(error: unknown): boolean {
  const e = asFailure(error);
  if (isRateLimitWait(e)) return true;
  if (e.code === 'slack_webapi_http_error') return e.statusCode === 429;
  if (e.code === 'slack_webapi_request_error') return NEVER_SENT.has(e.original?.code ?? '');
  return false;
}

/**
 * True when a failed post may nonetheless be in the channel: the call went out and nothing
 * Slack said rules that out (a timeout, a dropped connection, a 5xx, `internal_error`).
 */
export function mayHaveLanded(error: unknown): boolean {
  const e = asFailure(error);
  if (isRateLimitWait(e)) return false;
  switch (e.code) {
    case 'slack_webapi_platform_error':
      return MAYBE_DONE.has(e.data?.error ?? '');
    case 'slack_webapi_http_error':
      return e.statusCode !== 429;
    case 'slack_webapi_request_error':
      return !NEVER_SENT.has(e.original?.code ?? '');
    default:
      return true;
  }
}

/** p-retry's view of a failed attempt. */
interface FailedAttempt {
  attemptNumber?: number;
  retriesLeft?: number;
  message?: string;
  original?: { config?: { url?: string } };
}

/** The Web API method a failed attempt called, as far as the error tells. */
export function methodOf(error: unknown): string {
  const e = (error ?? {}) as FailedAttempt;
  const url = e.original?.config?.url ?? /\(url: ([^,)]+)/.exec(e.message ?? '')?.[1];
  return url?.split('/').pop() ?? 'Web API call';
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
      if ((attempt.retriesLeft ?? 0) > 0) {
        logger?.warn(
          {
            platform: 'slack',
            method: methodOf(error),
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
