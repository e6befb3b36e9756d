import type { Logger } from '../shared/logger.ts';

/** Records kept in memory while the database refuses them; beyond this the oldest is dropped. */
export const MAX_DEFERRED_WRITES = 10_000;

/** A record that could not be written yet: what it says, and the write to try again. */
export interface DeferredWrite {
  what: string;
  write: () => void;
}

/** Records the database refused (disk full, read-only), written again at the next ticks. */
export interface DeferredWrites {
  /** Keeps a refused record for later (the oldest goes once `MAX_DEFERRED_WRITES` are kept). */
  defer(write: DeferredWrite): void;
  /** Writes what was refused before; what is refused again waits for the next tick. */
  flush(): void;
}

/** An empty queue of refused records; `flush` logs each one written late. */
export function createDeferredWrites(logger: Logger): DeferredWrites {
  const deferred: DeferredWrite[] = [];
  return {
    defer(write) {
      if (deferred.length >= MAX_DEFERRED_WRITES) deferred.shift();
      deferred.push(write);
    },
    flush() {
      for (const item of deferred.splice(0)) {
        try {
          item.write();
          logger.info({ what: item.what }, 'daily post record written late');
        } catch {
          deferred.push(item);
        }
      }
    },
  };
}
