/**
 * A bounded map whose entries expire: what the adapter remembers between events (delivery ids
 * already answered, paging state behind a More results button) must not grow without end.
 * The clock is injected so expiry is tested without waiting.
 */
export interface ExpiringMap<V> {
  get(key: string): V | undefined;
  has(key: string): boolean;
  set(key: string, value: V): void;
  /** Entries currently held (expired ones may linger until the next write). */
  readonly size: number;
}

export interface ExpiringMapOptions {
  /** How long an entry lives, in milliseconds. */
  ttlMs: number;
  /** Most entries held; the oldest go first beyond it. */
  maxEntries: number;
  /** The clock, in epoch milliseconds. */
  now: () => number;
}

/** Creates an empty expiring map (see `ExpiringMap`). */
export function createExpiringMap<V>(options: ExpiringMapOptions): ExpiringMap<V> {
  const { ttlMs, maxEntries, now } = options;
  // Insertion order is expiry order, since every write re-inserts with a fresh deadline.
  const entries = new Map<string, { value: V; expires: number }>();

  const sweep = (time: number): void => {
    for (const [key, entry] of entries) {
      if (entry.expires > time && entries.size <= maxEntries) break;
      entries.delete(key);
    }
  };

  const live = (key: string): { value: V } | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    get: (key) => live(key)?.value,
    has: (key) => live(key) !== undefined,
    set(key, value) {
      const time = now();
      entries.delete(key);
      entries.set(key, { value, expires: time + ttlMs });
      sweep(time);
    },
    get size() {
      return entries.size;
    },
  };
}
