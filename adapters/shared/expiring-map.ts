import { LRUCache } from 'lru-cache';

/**
 * A bounded map whose entries expire: what an adapter remembers between events (button
 * actions, delivery ids already answered, paging state, uncertain daily posts) must not grow
 * without end. The clock is injected so expiry is tested without waiting.
 */
export interface ExpiringMap<V> {
  get(key: string): V | undefined;
  has(key: string): boolean;
  /** Stores the value with a fresh lifetime (a rewritten key lives anew). */
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
  /** Entries currently held, the expired ones dropped first (for reports and tests). */
  readonly size: number;
}

export interface ExpiringMapOptions {
  /** How long an entry lives, in milliseconds. */
  ttlMs: number;
  /** Most entries held; the oldest go first beyond it. */
  maxEntries: number;
  /** The clock, in epoch milliseconds (never 0: lru-cache reads a start of 0 as "no expiry"). */
  now: () => number;
}

/** Creates an empty expiring map (see `ExpiringMap`), held by lru-cache. */
export function createExpiringMap<V extends {}>(options: ExpiringMapOptions): ExpiringMap<V> {
  const cache = new LRUCache<string, V>({
    max: Math.max(1, options.maxEntries),
    // lru-cache keeps an entry while its age is at most `ttl`; ours is gone once `ttlMs` have
    // passed, on a clock in whole milliseconds.
    ttl: Math.max(1, options.ttlMs - 1),
    // No purge timers: lru-cache's autopurge starts one timer per entry, which keeps every
    // store alive for its whole lifetime (thousands of stores in a fuzz run exhausted the
    // heap). An expired entry is never returned, and `max` bounds what is held.
    ttlAutopurge: false,
    // Read the injected clock on every check rather than caching it on a timer.
    ttlResolution: 0,
    perf: { now: options.now },
  });
  return {
    // `peek`, not `get`: a read does not make an entry younger, so the oldest write goes first.
    get: (key) => cache.peek(key),
    has: (key) => cache.has(key),
    set(key, value) {
      cache.set(key, value);
    },
    delete(key) {
      cache.delete(key);
    },
    clear() {
      cache.clear();
    },
    get size() {
      cache.purgeStale();
      return cache.size;
    },
  };
}
