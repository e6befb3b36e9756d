import {
  DefaultRestOptions,
  type RateLimitData,
  type RESTOptions,
  type ResponseLike,
} from 'discord.js';
import type { Logger } from '../shared/logger.ts';
import { maskRoute } from './safe-log.ts';

/** Longest one attempt at a Discord REST request may take (discord.js's default is 15 s). */
export const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Budget for an interaction's initial response, from the moment Shammie first sends it. Discord
 * drops an interaction not answered within 3 s of its creation, so a callback still pending
 * after that is pointless: it is abandoned, not retried, and the failure logged.
 */
export const CALLBACK_DEADLINE_MS = 3_000;
/**
 * Longest rate-limit wait Shammie lets discord.js sit out for a follow-up, an edit or a channel
 * post. A longer `Retry-After` fails the request instead (`RateLimitError`): an answer that
 * late helps nobody, and the daily post's scheduler retries after the wait by itself.
 */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000;
/**
 * How many times a request that is safe to repeat is sent again after a 5xx, a timeout or a
 * dropped connection (discord.js's own default, which Shammie turns off: see `restOptions`).
 */
export const SAFE_RETRIES = 3;

/** How Shammie's Discord REST client handles slow and failing requests (see the constants). */
export interface RestTuning {
  requestTimeoutMs?: number;
  callbackDeadlineMs?: number;
  maxRateLimitWaitMs?: number;
  safeRetries?: number;
}

/**
 * What a repeat of a request would do, which decides whether it may be sent again:
 * - `callback`: an interaction's initial response. Discord takes one per interaction and
 *   answers a second with 40060, so a repeat is safe and tells whether the first had landed.
 * - `repeatable`: reads, edits and deletes (of the original response, of commands); channel
 *   posts carrying `enforce_nonce` (Discord returns the first message for a repeat); opening a
 *   thread on a message (a repeat is refused with 160004).
 * - `once`: everything else that creates something, above all interaction follow-ups
 *   (`POST /webhooks/{app}/{token}`): a repeat after a lost answer would show a second message
 *   and nothing can tell whether the first exists. Never sent twice.
 */
export type RequestKind = 'callback' | 'repeatable' | 'once';

/** An interaction's initial-response route: `/interactions/{id}/{token}/callback`. */
const CALLBACK = /\/interactions\/\d+\/[^/?]+\/callback(?:\?|$)/;
/** Opening a thread on a message. */
const THREAD_ON_MESSAGE = /\/channels\/\d+\/messages\/\d+\/threads(?:\?|$)/;
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);

/** Classifies a request by what sending it twice would do (see `RequestKind`). */
export function requestKind(method: string, url: string, body: unknown): RequestKind {
  if (CALLBACK.test(url)) return 'callback';
  if (REPEATABLE_METHODS.has(method.toUpperCase())) return 'repeatable';
  if (THREAD_ON_MESSAGE.test(url)) return 'repeatable';
  if (typeof body === 'string' && /"enforce_nonce"\s*:\s*true/.test(body)) return 'repeatable';
  return 'once';
}

/** Discord's answer to a second initial response: "Interaction has already been acknowledged". */
const ALREADY_ACKNOWLEDGED = 40060;

/** Network errors where the connection died after the request may have been sent. */
const CONNECTION_LOST = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/**
 * Thrown instead of a timeout on an interaction callback. Its name is not `AbortError`, so
 * discord.js does not retry it: a second try after the deadline could only fail again.
 */
export class InteractionDeadlineError extends Error {
  override readonly name = 'InteractionDeadlineError';
}

/** A request safe to repeat that failed on every attempt without an answer (timeouts, drops). */
export class DiscordUnreachableError extends Error {
  override readonly name = 'DiscordUnreachableError';
}

/**
 * A request that must not be repeated (a follow-up) failed in a way that hides whether Discord
 * carried it out: a 5xx, a timeout, a connection lost after sending. It is not sent again — a
 * missing answer is better than a double one — and whoever sent it should not apologise in
 * another message either: the answer may well be there.
 */
export class UncertainWriteError extends Error {
  override readonly name = 'UncertainWriteError';
  constructor(
    readonly method: string,
    readonly route: string,
    readonly failure: string,
  ) {
    super(
      `Discord ${method} ${route}: ${failure}; it may have been carried out, so it is not sent again`,
    );
  }
}

/** What Shammie remembers about one interaction's callback while its window is open. */
interface CallbackState {
  /** When its attempts must have ended (epoch ms). */
  end: number;
  /** True once an attempt failed after it may have landed (a 5xx, a dropped connection). */
  uncertain: boolean;
}

type RequestInit = Parameters<RESTOptions['makeRequest']>[1];

/** One attempt's outcome: an answer, or a fault after which the request may have landed. */
type Attempt = { response: ResponseLike } | { fault: 'timed out' | 'connection lost' };

/**
 * REST options for Shammie's Discord clients. discord.js's own retries are off (`retries: 0`):
 * it repeats any request after a 5xx, a timeout or a reset, follow-ups included, which showed
 * users a second copy of an answer whose first had landed. Instead each request is sent by
 * what a repeat would do (`requestKind`):
 * - callbacks are repeated within their 3-second window; "already acknowledged" after an
 *   uncertain attempt counts as the success it is;
 * - repeatable requests are sent up to `SAFE_RETRIES` more times, each attempt with its own
 *   timeout;
 * - follow-ups and other creations are sent once; an unknown outcome is an
 *   `UncertainWriteError`.
 * Every fault is logged (warn) with the method, the route with its token masked, and the
 * outcome. 429s are left to discord.js, which waits them out (capped, see the constants): a
 * 429 means Discord did nothing.
 */
export function restOptions(tuning: RestTuning = {}, logger?: Logger): Partial<RESTOptions> {
  const timeout = tuning.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const budget = tuning.callbackDeadlineMs ?? CALLBACK_DEADLINE_MS;
  const maxWait = tuning.maxRateLimitWaitMs ?? MAX_RATE_LIMIT_WAIT_MS;
  const retries = tuning.safeRetries ?? SAFE_RETRIES;
  const callbacks = createCallbackStates(budget);

  const report = (
    url: string,
    init: RequestInit,
    fields: { outcome: string; attempt: number; fault?: string; status?: number },
    message: string,
  ) =>
    logger?.warn(
      { platform: 'discord', method: methodOf(init), route: maskRoute(url), ...fields },
      message,
    );

  /**
   * After a failed attempt at a request that may be repeated: past `retries`, gives up (with the
   * last response, or `DiscordUnreachableError` when there was none); else logs that it is sent
   * again and returns undefined.
   */
  const retryOrGiveUp = async (
    url: string,
    init: RequestInit,
    attempt: number,
    result: Attempt,
    messages: { gaveUp: string; retried: string },
  ): Promise<ResponseLike | undefined> => {
    if (attempt > retries) {
      report(url, init, { outcome: 'gave up', attempt, ...faultOf(result) }, messages.gaveUp);
      if ('response' in result) return result.response;
      throw new DiscordUnreachableError(
        `Discord ${methodOf(init)} ${maskRoute(url)}: ${result.fault}, ${attempt} times`,
      );
    }
    await discard(result);
    report(url, init, { outcome: 'retried', attempt, ...faultOf(result) }, messages.retried);
    return undefined;
  };

  const sendCallback = async (url: string, init: RequestInit): Promise<ResponseLike> => {
    const state = callbacks.stateOf(url, Date.now());
    for (let attempt = 1; ; attempt += 1) {
      const remaining = state.end - Date.now();
      if (remaining <= 0) {
        report(
          url,
          init,
          { outcome: 'gave up', attempt },
          'Discord interaction callback abandoned: its 3-second window is over',
        );
        throw new InteractionDeadlineError(`interaction callback abandoned after ${budget} ms`);
      }
      const result = await attemptOnce(url, init, remaining);
      if ('fault' in result && result.fault === 'timed out') {
        report(
          url,
          init,
          { outcome: 'gave up', attempt, fault: result.fault },
          'Discord interaction callback got no answer within its window; not sent again',
        );
        throw new InteractionDeadlineError(`interaction callback got no answer in ${budget} ms`);
      }
      if ('response' in result && result.response.status < 500) {
        if (state.uncertain && result.response.status === 400) {
          return acknowledgedAlready(result.response, () =>
            report(
              url,
              init,
              { outcome: 'answered once', attempt },
              'Discord interaction callback had landed before its answer was lost; counted as sent',
            ),
          );
        }
        return result.response;
      }
      state.uncertain = true;
      const last = await retryOrGiveUp(url, init, attempt, result, {
        gaveUp: 'Discord interaction callback kept failing; giving up',
        retried:
          'Discord interaction callback failed; sending it again (a repeat cannot answer twice)',
      });
      if (last) return last;
    }
  };

  const sendRepeatable = async (url: string, init: RequestInit): Promise<ResponseLike> => {
    for (let attempt = 1; ; attempt += 1) {
      const result = await attemptOnce(url, init, timeout);
      if ('response' in result && result.response.status < 500) return result.response;
      const last = await retryOrGiveUp(url, init, attempt, result, {
        gaveUp: 'Discord request kept failing; giving up',
        retried: 'Discord request failed; sending it again (safe to repeat)',
      });
      if (last) return last;
    }
  };

  const sendOnce = async (url: string, init: RequestInit): Promise<ResponseLike> => {
    const result = await attemptOnce(url, init, timeout);
    if ('response' in result && result.response.status < 500) return result.response;
    await discard(result);
    report(
      url,
      init,
      { outcome: 'gave up, not repeated', attempt: 1, ...faultOf(result) },
      'Discord may have carried out this request although its answer was lost; not sending it again',
    );
    const fault = 'response' in result ? `HTTP ${result.response.status}` : result.fault;
    throw new UncertainWriteError(methodOf(init), maskRoute(url), fault);
  };

  const senders: Record<RequestKind, RESTOptions['makeRequest']> = {
    callback: sendCallback,
    repeatable: sendRepeatable,
    once: sendOnce,
  };
  const makeRequest: RESTOptions['makeRequest'] = (url, init) =>
    senders[requestKind(methodOf(init), url, init.body)](url, init);

  const rejectOnRateLimit = (data: RateLimitData): boolean => {
    if (!CALLBACK.test(data.url)) return data.retryAfter > maxWait;
    const end = callbacks.endOf(data.url) ?? Date.now() + budget;
    return Date.now() + data.retryAfter > end;
  };

  return {
    // discord.js's timeout now bounds all of one request's attempts; each has its own below.
    timeout: timeout * (retries + 2),
    retries: 0,
    makeRequest,
    rejectOnRateLimit,
  };
}

/** Callback URL → its state. A URL is one interaction, so this holds only the last seconds'. */
function createCallbackStates(budget: number) {
  const states = new Map<string, CallbackState>();
  return {
    stateOf(url: string, time: number): CallbackState {
      for (const [key, state] of states) {
        // Kept for a while past the deadline so late retries of the same callback fail fast.
        if (state.end + budget > time) break;
        states.delete(key);
      }
      let state = states.get(url);
      if (state === undefined) {
        state = { end: time + budget, uncertain: false };
        states.set(url, state);
      }
      return state;
    },
    endOf: (url: string): number | undefined => states.get(url)?.end,
  };
}

/**
 * Sends a request once with its own timeout. Faults after which it may have landed come back
 * as values; anything else (the caller's own abort, a refused connection) is thrown.
 */
async function attemptOnce(url: string, init: RequestInit, timeoutMs: number): Promise<Attempt> {
  const timer = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timer]) : timer;
  try {
    return { response: await DefaultRestOptions.makeRequest(url, { ...init, signal }) };
  } catch (error) {
    if (init.signal?.aborted) throw error;
    if (timer.aborted) return { fault: 'timed out' };
    if (connectionLost(error)) return { fault: 'connection lost' };
    throw error;
  }
}

function methodOf(init: RequestInit): string {
  return (init.method ?? 'GET').toUpperCase();
}

function faultOf(result: Attempt): { fault?: string; status?: number } {
  return 'response' in result ? { status: result.response.status } : { fault: result.fault };
}

/** Reads and drops a failed answer's body, so its connection can be reused. */
async function discard(result: Attempt): Promise<void> {
  if ('response' in result) await result.response.arrayBuffer().catch(() => undefined);
}

function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_LOST.has(code);
}

/**
 * A 400 to a repeated callback: "already acknowledged" means an earlier attempt landed, so it is
 * turned into the 204 that attempt would have had (and logged). Any other 400 is passed on.
 */
async function acknowledgedAlready(
  response: ResponseLike,
  onLanded: () => void,
): Promise<ResponseLike> {
  const text = await response.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    code = undefined;
  }
  if (code === ALREADY_ACKNOWLEDGED) {
    onLanded();
    return new Response(null, { status: 204 });
  }
  return new Response(text, { status: response.status, headers: response.headers });
}
