/**
 * A small fetch-based HTTP client in the manner of ky, for the services Shammie reads papers
 * from: base URL and `fetch` injected, an explicit time limit per request, retries with
 * exponential backoff on 429/502/503/504 and on network failures (every request here is an
 * idempotent GET), `Retry-After` honoured up to a cap, a User-Agent that names Shammie and a
 * contact address, one queue per host that spaces requests, and answers read with a size cap.
 * Every failure is a ServiceError with a code and a sentence a user can act on.
 */

import { type HostQueue, sharedHostQueue } from './host-queue.ts';
import { parseRetryAfter } from './retry-after.ts';
import { ServiceError, serviceError } from './service-error.ts';

/** A request that has not answered completely within this time fails with TIMEOUT. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Further attempts after a 429/5xx or a network failure. */
export const DEFAULT_RETRIES = 3;
/** First backoff when the service names no wait; doubled each attempt. */
export const DEFAULT_BACKOFF_MS = 1_000;
/** Longest wait we accept from `Retry-After`; a longer one fails at once with its wait. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
/** Largest answer read (an OAI-PMH page of a thousand records is a few MB). */
export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Statuses that say "not now" rather than "no". */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export interface PoliteHttpOptions {
  /** The service's name as users know it ("arXiv"), used in error sentences. */
  service: string;
  /** The endpoint; request paths are appended to it. */
  baseUrl: string;
  /** Sent as User-Agent (see {@link userAgent}). */
  userAgent?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  maxRetryAfterMs?: number;
  maxBodyBytes?: number;
  /** Least time between the end of one request to this host and the start of the next. */
  spacingMs?: number;
  /**
   * The queue shared by every caller (default: the process-wide one). Waits between attempts
   * happen in it, so a test injects its clock and sleep through the queue.
   */
  queue?: HostQueue;
  /** The queue lane (default: the base URL's host); services of one provider may share one. */
  queueKey?: string;
  /** The clock, epoch ms. */
  now?: () => number;
  /** In [0, 1): spreads backoffs so that callers who failed together do not retry together. */
  random?: () => number;
}

export interface RequestOptions {
  /** Query parameters; undefined values are left out. */
  query?: Readonly<Record<string, string | number | undefined>>;
  /** The Accept header. */
  accept?: string;
  timeoutMs?: number;
  /** Cancels the request (e.g. the user went away). */
  signal?: AbortSignal;
}

/** A complete answer with a 2xx status. */
export interface HttpText {
  status: number;
  url: string;
  headers: Headers;
  text: string;
}

export interface PoliteHttp {
  readonly service: string;
  /** GETs `path` (appended to the base URL) and reads the answer as text. */
  getText(path: string, options?: RequestOptions): Promise<HttpText>;
  /** GETs `path` and parses the answer as JSON (BAD_RESPONSE when it is not JSON). */
  getJson(path: string, options?: RequestOptions): Promise<unknown>;
}

/** `Shammie/<version> (mailto:<email>)`, or `Shammie/<version>` without an address. */
export function userAgent(version: string, contactEmail?: string): string {
  return contactEmail ? `Shammie/${version} (mailto:${contactEmail})` : `Shammie/${version}`;
}

/** Joins the base URL, a path and query parameters (the base's own path and query are kept). */
export function buildUrl(
  baseUrl: string,
  path: string,
  query: Readonly<Record<string, string | number | undefined>> = {},
): URL {
  const url = new URL(baseUrl);
  if (path !== '')
    url.pathname = url.pathname.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

type Attempt =
  | { kind: 'answer'; response: HttpText }
  | { kind: 'retry'; status?: number; retryAfterMs?: number; error: ServiceError };

/** Creates a client for one service (see the module comment). */
export function createPoliteHttp(options: PoliteHttpOptions): PoliteHttp {
  const service = options.service;
  const doFetch = options.fetch ?? globalThis.fetch;
  const queue = options.queue ?? sharedHostQueue;
  const queueKey = options.queueKey ?? new URL(options.baseUrl).host;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const spacingMs = options.spacingMs ?? 0;

  async function attempt(url: URL, request: RequestOptions): Promise<Attempt> {
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // One controller for both the time limit and the caller's signal (AbortSignal.any needs
    // Node 20.3; the project promises every Node 20).
    const controller = new AbortController();
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const cancel = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) cancel();
    request.signal?.addEventListener('abort', cancel, { once: true });
    const signal = controller.signal;
    const headers: Record<string, string> = {};
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    if (request.accept) headers.accept = request.accept;
    try {
      const response = await doFetch(url, { headers, signal, redirect: 'follow' });
      if (response.ok) {
        const text = await readCapped(response, maxBodyBytes, service);
        return {
          kind: 'answer',
          response: {
            status: response.status,
            url: response.url || url.href,
            headers: response.headers,
            text,
          },
        };
      }
      // Read (and drop) the body so the connection is free for the next request.
      await response.body?.cancel().catch(() => undefined);
      return failedStatus(response);
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      if (timedOut) throw serviceError('TIMEOUT', service, { cause: error });
      // fetch rejects with a TypeError for refused connections, resets and DNS failures.
      return { kind: 'retry', error: serviceError('SERVICE_DOWN', service, { cause: error }) };
    } finally {
      clearTimeout(timeout);
      request.signal?.removeEventListener('abort', cancel);
    }
  }

  function failedStatus(response: Response): Attempt {
    const status = response.status;
    if (RETRYABLE_STATUSES.has(status)) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      const code = status === 429 ? 'RATE_LIMITED' : 'SERVICE_DOWN';
      return {
        kind: 'retry',
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        error: serviceError(code, service, {
          status,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        }),
      };
    }
    if (status === 404 || status === 410) throw serviceError('NOT_FOUND', service, { status });
    if (status >= 500) throw serviceError('SERVICE_DOWN', service, { status });
    throw serviceError('BAD_RESPONSE', service, { status });
  }

  function backoff(attemptIndex: number): number {
    const full = backoffMs * 2 ** attemptIndex;
    return Math.round(full / 2 + (full / 2) * random());
  }

  async function getText(path: string, request: RequestOptions = {}): Promise<HttpText> {
    const url = buildUrl(options.baseUrl, path, request.query);
    for (let attemptIndex = 0; ; attemptIndex++) {
      const outcome = await queue.run(queueKey, spacingMs, () => attempt(url, request));
      if (outcome.kind === 'answer') return outcome.response;
      const asked = outcome.retryAfterMs;
      if (asked !== undefined && asked > maxRetryAfterMs) {
        // Waiting an hour inside a chat command helps nobody: say when to come back instead.
        throw serviceError(outcome.status === 429 ? 'RATE_LIMITED' : 'SERVICE_DOWN', service, {
          ...(outcome.status === undefined ? {} : { status: outcome.status }),
          retryAfterMs: asked,
        });
      }
      if (attemptIndex >= retries) throw outcome.error;
      // Hold the whole host, not just this caller: the service asked everyone to wait.
      queue.holdUntil(queueKey, now() + (asked ?? backoff(attemptIndex)));
    }
  }

  return {
    service,
    getText,
    async getJson(path: string, request: RequestOptions = {}): Promise<unknown> {
      const answer = await getText(path, { accept: 'application/json', ...request });
      try {
        return JSON.parse(answer.text) as unknown;
      } catch (error) {
        throw serviceError('BAD_RESPONSE', service, { status: answer.status, cause: error });
      }
    },
  };
}

/** Reads the body as UTF-8, failing with BAD_RESPONSE past `maxBytes` without reading the rest. */
async function readCapped(response: Response, maxBytes: number, service: string): Promise<string> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge(service, response.status);
  }
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(service, response.status);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function tooLarge(service: string, status: number): ServiceError {
  return new ServiceError(
    'BAD_RESPONSE',
    service,
    `${service} sent an answer too large to read; try a narrower request.`,
    { status },
  );
}
