import type { RespondFn, RespondMessage } from './slack-client.ts';

/**
 * Answers through a `response_url` (slash commands and buttons). Bolt's own `respond()` posts
 * with no timeout and no retry, so a stalled Slack would hold the listener forever; this one
 * is bounded and retries what is safe to retry.
 */

/** Longest one post to a response URL may take. */
export const RESPONSE_URL_TIMEOUT_MS = 5_000;
/** Extra tries after a 429 or a 5xx (nothing was shown, so a repeat cannot double it). */
export const RESPONSE_URL_RETRIES = 2;
/** Longest `Retry-After` waited out; a longer one fails the answer instead. */
export const RESPONSE_URL_MAX_WAIT_MS = 10_000;
/** Wait before retrying a 5xx (doubling each time). */
const SERVER_ERROR_BACKOFF_MS = 250;

export interface ResponderOptions {
  timeoutMs?: number;
  retries?: number;
  maxWaitMs?: number;
  /** The HTTP client (global `fetch` unless a test gives another). */
  fetch?: typeof fetch;
  /** Waits between tries (real time unless a test gives another). */
  sleep?: (ms: number) => Promise<void>;
}

/** A response URL refused the answer (after any retries). */
export class ResponseUrlError extends Error {
  override readonly name = 'ResponseUrlError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Makes `respond` functions bound to a response URL: a timeout on every try, `Retry-After`
 * honoured on 429 (up to `maxWaitMs`), 5xx retried a couple of times. A timeout or a dropped
 * connection is not retried: Slack may have shown the answer already, and a repeat would show
 * it twice.
 */
export function createResponder(options: ResponderOptions = {}): (url: string) => RespondFn {
  const timeoutMs = options.timeoutMs ?? RESPONSE_URL_TIMEOUT_MS;
  const retries = options.retries ?? RESPONSE_URL_RETRIES;
  const maxWaitMs = options.maxWaitMs ?? RESPONSE_URL_MAX_WAIT_MS;
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));

  return (url) =>
    async (message: RespondMessage): Promise<void> => {
      for (let attempt = 0; ; attempt += 1) {
        const response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(timeoutMs),
        });
        // Read the body so the connection is released, whatever it says.
        await response.text().catch(() => '');
        if (response.ok) return;
        const retryable = response.status === 429 || response.status >= 500;
        if (!retryable || attempt >= retries) {
          throw new ResponseUrlError(
            `response_url answered HTTP ${response.status}`,
            response.status,
          );
        }
        const wait =
          response.status === 429
            ? retryAfterMs(response.headers.get('retry-after'))
            : SERVER_ERROR_BACKOFF_MS * 2 ** attempt;
        if (wait > maxWaitMs) {
          throw new ResponseUrlError(
            `response_url rate-limited the answer for ${wait} ms`,
            response.status,
          );
        }
        await sleep(wait);
      }
    };
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}
