import type { Logger } from '../shared/logger.ts';
import type { RespondFn, RespondMessage } from './slack-client.ts';
import { NEVER_SENT } from './web-api-policy.ts';

/**
 * Answers through a `response_url` (slash commands and buttons). Bolt's own `respond()` posts
 * with no timeout and no retry, so a stalled Slack would hold the listener forever; this one
 * is bounded and retries only what cannot show twice (`docs/reliability.md`).
 */

/** Longest one post to a response URL may take. */
export const RESPONSE_URL_TIMEOUT_MS = 5_000;
/** Extra tries after a 429 (Slack refused before showing anything, so a repeat cannot double it). */
export const RESPONSE_URL_RETRIES = 2;
/** Longest `Retry-After` waited out; a longer one fails the answer instead. */
export const RESPONSE_URL_MAX_WAIT_MS = 10_000;

export interface ResponderOptions {
  timeoutMs?: number;
  retries?: number;
  maxWaitMs?: number;
  /** The HTTP client (global `fetch` unless a test gives another). */
  fetch?: typeof fetch;
  /** Waits between tries (real time unless a test gives another). */
  sleep?: (ms: number) => Promise<void>;
  /** Where retries are logged. */
  logger?: Logger;
}

/**
 * A response URL did not take the answer (after any retries). `shown` says whether the answer
 * may be on screen all the same: false when Slack refused it (a 4xx, such as 404 for a URL that
 * expired or was used five times) or it was never sent; true when the outcome is unknown (a 5xx,
 * a timeout, a connection dropped after sending).
 */
export class ResponseUrlError extends Error {
  override readonly name = 'ResponseUrlError';
  constructor(
    message: string,
    readonly shown: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Makes `respond` functions bound to a response URL: a timeout on every try, `Retry-After`
 * honoured on 429 (up to `maxWaitMs`). Nothing else is retried: after a 5xx, a timeout or a
 * dropped connection Slack may have shown the answer already, and a repeat would show it twice.
 */
export function createResponder(options: ResponderOptions = {}): (url: string) => RespondFn {
  const timeoutMs = options.timeoutMs ?? RESPONSE_URL_TIMEOUT_MS;
  const retries = options.retries ?? RESPONSE_URL_RETRIES;
  const maxWaitMs = options.maxWaitMs ?? RESPONSE_URL_MAX_WAIT_MS;
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));

  const post = async (url: string, message: RespondMessage): Promise<Response> => {
    try {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the body so the connection is released, whatever it says.
      await response.text().catch(() => '');
      return response;
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
      throw new ResponseUrlError(
        `response_url: ${(error as Error).message}${code ? ` (${code})` : ''}`,
        !NEVER_SENT.has(code),
      );
    }
  };

  return (url) =>
    async (message: RespondMessage): Promise<void> => {
      for (let attempt = 0; ; attempt += 1) {
        const response = await post(url, message);
        if (response.ok) return;
        const status = response.status;
        if (status !== 429 || attempt >= retries) {
          throw new ResponseUrlError(`response_url answered HTTP ${status}`, status >= 500, status);
        }
        const wait = retryAfterMs(response.headers.get('retry-after'));
        if (wait > maxWaitMs) {
          throw new ResponseUrlError(
            `response_url rate-limited the answer for ${wait} ms`,
            false,
            status,
          );
        }
        options.logger?.warn(
          { platform: 'slack', route: 'response_url', status, retryInMs: wait, outcome: 'retried' },
          'Slack response_url rate-limited the answer; retrying',
        );
        await sleep(wait);
      }
    };
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}
