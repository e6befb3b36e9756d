import { createExpiringMap } from './expiring-map.ts';

/** How far before an uncertain attempt a channel is read back (clocks differ a little). */
export const LOOKBACK_MS = 5 * 60_000;
/** Uncertain attempts are forgotten after this long: a post belongs to its date. */
export const UNCERTAIN_TTL_MS = 48 * 60 * 60_000;
/** Most uncertain posts remembered: one per channel and date, far above any real count. */
export const UNCERTAIN_MAX_ENTRIES = 10_000;

/**
 * Daily posts whose last attempt may have gone through unseen (a timeout, a dropped
 * connection): before trying again, a poster reads the channel back from shortly before the
 * first such attempt, so the day is never posted twice. Kept per process, bounded by age.
 */
export function createUncertainAttempts(now: () => number) {
  /** `channel date` → when its first uncertain attempt was made. */
  const first = createExpiringMap<number>({
    ttlMs: UNCERTAIN_TTL_MS,
    maxEntries: UNCERTAIN_MAX_ENTRIES,
    now,
  });
  const key = (channelId: string, date: string): string => `${channelId} ${date}`;
  return {
    /** When the first uncertain attempt at this post was made, or undefined if there was none. */
    since(channelId: string, date: string): number | undefined {
      return first.get(key(channelId, date));
    },
    /** Records an attempt that may have landed (the first one's time is kept). */
    mark(channelId: string, date: string): void {
      const k = key(channelId, date);
      if (!first.has(k)) first.set(k, now());
    },
    /** The post is settled: sent, or found in the channel. */
    clear(channelId: string, date: string): void {
      first.delete(key(channelId, date));
    },
  };
}
