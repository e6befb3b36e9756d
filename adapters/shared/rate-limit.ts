/**
 * Per-user rate limiting: one token bucket per key (platform + user id). A person typing never
 * meets it; a script firing commands in a loop does, and gets a friendly "try again in N s"
 * instead of tying up the engine. Memory stays bounded: a bucket that has refilled is the same
 * as no bucket and is dropped, and at most `maxKeys` buckets are kept.
 */

/** Requests one user may make in a burst (a full bucket). */
export const DEFAULT_BURST = 10;
/** Requests per second a user may keep up once the burst is spent (one a second). */
export const DEFAULT_REFILL_PER_SECOND = 1;
/**
 * Users tracked at once. Beyond it the least recently active user's bucket is forgotten (that
 * user starts again with a full bucket), so a flood of distinct ids cannot grow memory.
 */
export const DEFAULT_MAX_KEYS = 10_000;

/**
 * Discord autocomplete fires as the user types, several times a second: its own, roomier
 * bucket (a burst of 30, five a second). Over it the list is simply empty for a moment — an
 * autocomplete cannot show an error, and a blank list is friendlier than a failure.
 */
export const AUTOCOMPLETE_BURST = 30;
/** Sustained autocomplete requests per second per user. */
export const AUTOCOMPLETE_REFILL_PER_SECOND = 5;

export interface RateLimiterOptions {
  /** Tokens in a full bucket: the burst allowed after a quiet spell. */
  capacity?: number;
  /** Tokens added back per second. */
  refillPerSecond?: number;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** Most buckets held at once. */
  maxKeys?: number;
}

/** The answer to one request: go ahead, or wait `retryAfterMs`. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  /** Takes one token from `key`'s bucket when there is one; never blocks. */
  take(key: string): RateDecision;
  /** Buckets currently held (for tests and memory checks). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

/** Creates a token-bucket limiter (see the module comment). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const capacity = options.capacity ?? DEFAULT_BURST;
  const rate = options.refillPerSecond ?? DEFAULT_REFILL_PER_SECOND;
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  if (!(capacity >= 1) || !(rate > 0) || !(maxKeys >= 1)) {
    throw new RangeError('a rate limiter needs capacity ≥ 1, refillPerSecond > 0, maxKeys ≥ 1');
  }
  const { now } = options;
  /** Time for an empty bucket to fill: after this much quiet, any bucket is full again. */
  const fillMs = (capacity / rate) * 1000;
  // Map order is least recently used first: every take re-inserts its key at the end.
  const buckets = new Map<string, Bucket>();

  const forgetIdle = (time: number): void => {
    for (const [key, bucket] of buckets) {
      if (time - bucket.at < fillMs && buckets.size <= maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    take(key) {
      const time = now();
      const held = buckets.get(key);
      // A clock that steps back must not mint tokens or make the wait negative.
      const elapsed = held ? Math.max(0, time - held.at) : 0;
      const tokens = held ? Math.min(capacity, held.tokens + (elapsed / 1000) * rate) : capacity;
      buckets.delete(key);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: time });
        forgetIdle(time);
        return { allowed: true };
      }
      buckets.set(key, { tokens, at: time });
      forgetIdle(time);
      return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) / rate) * 1000) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/** Whole seconds to tell a person to wait: rounded up, at least 1. */
export function waitSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/** What a user over the limit is told, on every platform. */
export function rateLimitText(retryAfterMs: number): string {
  return `You’re going a bit fast — try again in ${waitSeconds(retryAfterMs)} s.`;
}

/** The key of one user's bucket: the platform, then the ids that make the user unique there. */
export function rateKey(platform: 'discord' | 'slack', ...ids: readonly string[]): string {
  return [platform, ...ids].join(':');
}
