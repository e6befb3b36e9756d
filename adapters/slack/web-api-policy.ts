/**
 * How Shammie's Slack Web API client treats slow and failing calls. Bolt's `WebClient` has no
 * timeout by default (a call can hang forever) and retries ten times over half an hour; both
 * are replaced here.
 */

/** Longest one Web API call may take before it is abandoned. */
export const WEB_API_TIMEOUT_MS = 10_000;

/** Network errors raised before any byte reached Slack: the call cannot have taken effect. */
const NEVER_SENT = new Set([
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
 * True when repeating the call cannot duplicate anything: Slack rate-limited it, answered 5xx
 * (the Web API itself answers 200 or 429 — the SDK's own reading — so a 5xx comes from in
 * front of it, before the work), or the connection was never made. A timeout or a connection
 * dropped mid-call may hide a message that was posted: those are not repeated blindly.
 */
export function isSafeToRepeat(error: unknown): boolean {
  const e = asFailure(error);
  if (isRateLimitWait(e)) return true;
  if (e.code === 'slack_webapi_http_error') {
    return e.statusCode === 429 || (e.statusCode ?? 0) >= 500;
  }
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

/**
 * Retries of the Web API client (p-retry options): a few quick ones, only for failures that
 * are safe to repeat (`isSafeToRepeat`). An answer minutes late helps nobody, and a repeated
 * post after a timeout could show twice.
 */
export const WEB_API_RETRY = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 4000,
  onFailedAttempt(error: unknown): void {
    // Throwing here ends the retries with this error.
    if (!isSafeToRepeat(error)) throw error;
  },
};

/** The WebClient options every Shammie client uses: `WEB_API_RETRY` and a timeout. */
export function webClientOptions(timeoutMs: number = WEB_API_TIMEOUT_MS): {
  retryConfig: typeof WEB_API_RETRY;
  timeout: number;
} {
  return { retryConfig: WEB_API_RETRY, timeout: timeoutMs };
}
