import {
  DefaultRestOptions,
  type RateLimitData,
  type RESTOptions,
  type ResponseLike,
} from 'discord.js';

/**
 * Longest one Discord REST request may take (discord.js's default is 15 s). discord.js retries a
 * timed-out or reset request up to `retries` times and a 5xx answer likewise; 429s it waits out.
 */
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

/** How Shammie's Discord REST client handles slow and failing requests (see the constants). */
export interface RestTuning {
  requestTimeoutMs?: number;
  callbackDeadlineMs?: number;
  maxRateLimitWaitMs?: number;
}

/** An interaction's initial-response route: `/interactions/{id}/{token}/callback`. */
const CALLBACK = /\/interactions\/\d+\/[^/?]+\/callback(?:\?|$)/;

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

/** What Shammie remembers about one interaction's callback while its window is open. */
interface CallbackState {
  /** When its attempts must have ended (epoch ms). */
  end: number;
  /** True once a connection dropped mid-request: the callback may already have landed. */
  uncertain: boolean;
}

/**
 * REST options for Shammie's Discord clients: a request timeout, interaction callbacks bounded
 * to their 3-second window (every retry and rate-limit wait included), and rate-limit waits
 * capped (see the constants above).
 *
 * A callback whose connection drops is sent once more within its window. That repeat is safe:
 * Discord takes one initial response per interaction, so when the first one had landed, it
 * answers the repeat with "already acknowledged" (40060) — which here counts as the success it
 * is, rather than an error followed by a pointless apology.
 */
export function restOptions(tuning: RestTuning = {}): Partial<RESTOptions> {
  const timeout = tuning.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const budget = tuning.callbackDeadlineMs ?? CALLBACK_DEADLINE_MS;
  const maxWait = tuning.maxRateLimitWaitMs ?? MAX_RATE_LIMIT_WAIT_MS;
  // Callback URL → its state. A URL is one interaction, so this holds only the interactions of
  // the last few seconds.
  const callbacks = new Map<string, CallbackState>();

  const stateOf = (url: string, time: number): CallbackState => {
    for (const [key, state] of callbacks) {
      // Kept for a while past the deadline so late retries of the same callback still fail fast.
      if (state.end + budget > time) break;
      callbacks.delete(key);
    }
    let state = callbacks.get(url);
    if (state === undefined) {
      state = { end: time + budget, uncertain: false };
      callbacks.set(url, state);
    }
    return state;
  };

  const sendCallback = async (url: string, init: RequestInit): Promise<ResponseLike> => {
    const state = stateOf(url, Date.now());
    for (let attempt = 1; ; attempt += 1) {
      const remaining = state.end - Date.now();
      if (remaining <= 0) {
        throw new InteractionDeadlineError(`interaction callback abandoned after ${budget} ms`);
      }
      const timer = AbortSignal.timeout(remaining);
      const signal = init.signal ? AbortSignal.any([init.signal, timer]) : timer;
      let response: ResponseLike;
      try {
        response = await DefaultRestOptions.makeRequest(url, { ...init, signal });
      } catch (error) {
        if (timer.aborted) {
          throw new InteractionDeadlineError(`interaction callback got no answer in ${budget} ms`);
        }
        if (!connectionLost(error)) throw error;
        state.uncertain = true;
        if (attempt === 1) continue;
        throw error;
      }
      if (state.uncertain && response.status === 400) return acknowledgedAlready(response);
      return response;
    }
  };

  const makeRequest: RESTOptions['makeRequest'] = (url, init) =>
    CALLBACK.test(url) ? sendCallback(url, init) : DefaultRestOptions.makeRequest(url, init);

  const rejectOnRateLimit = (data: RateLimitData): boolean => {
    if (!CALLBACK.test(data.url)) return data.retryAfter > maxWait;
    const end = callbacks.get(data.url)?.end ?? Date.now() + budget;
    return Date.now() + data.retryAfter > end;
  };

  return { timeout, makeRequest, rejectOnRateLimit };
}

type RequestInit = Parameters<RESTOptions['makeRequest']>[1];

function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_LOST.has(code);
}

/**
 * A 400 to a repeated callback: "already acknowledged" means the first attempt landed, so it is
 * turned into the 204 that attempt would have had. Any other 400 is passed on as it came.
 */
async function acknowledgedAlready(response: ResponseLike): Promise<ResponseLike> {
  const text = await response.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    code = undefined;
  }
  if (code === ALREADY_ACKNOWLEDGED) return new Response(null, { status: 204 });
  return new Response(text, { status: response.status, headers: response.headers });
}
