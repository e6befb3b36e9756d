/**
 * Work the bot has started and not finished (a reply being computed and sent), so a shutdown
 * can wait for it instead of cutting a reply in half.
 */
export interface InFlight {
  /** Counts `work` until it settles; returns it unchanged (its rejection included). */
  track<T>(work: Promise<T>): Promise<T>;
  /** How many pieces of work are unfinished now. */
  readonly size: number;
  /**
   * Resolves once nothing is in flight, counting work that starts while it waits; at once when
   * nothing is. Never rejects: a failing reply is the adapter's to log.
   */
  drain(): Promise<void>;
}

/** A counter of unfinished promises with a "tell me when idle" wait. */
export function createInFlight(): InFlight {
  let size = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    size -= 1;
    if (size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  return {
    track<T>(work: Promise<T>): Promise<T> {
      size += 1;
      // The caller keeps the original promise (and handles its rejection); ours only counts.
      work.then(settle, settle);
      return work;
    },
    get size() {
      return size;
    },
    drain() {
      if (size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
