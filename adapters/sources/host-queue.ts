/**
 * One queue per service host, shared by every caller in the process: requests to a host run one
 * at a time, and the next starts only `spacingMs` after the previous one finished. arXiv asks
 * for exactly this (one request every three seconds, on one connection); a service that answers
 * 429/503 can also hold its queue until the time it named, so every caller waits, not just the
 * one that was told.
 */

/** Runs tasks for a host one at a time, spaced. */
export interface HostQueue {
  /**
   * Runs `task` when every earlier task for `key` has finished, at least `spacingMs` after the
   * last of them, and not before any hold on `key`.
   */
  run<T>(key: string, spacingMs: number, task: () => Promise<T>): Promise<T>;
  /** Keeps every task for `key` waiting until `atMs` (epoch ms). */
  holdUntil(key: string, atMs: number): void;
}

export interface HostQueueOptions {
  /** The clock, epoch milliseconds. */
  now?: () => number;
  /** Waits `ms` milliseconds. */
  sleep?: (ms: number) => Promise<void>;
}

/** A real wait on a timer. */
export function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Lane {
  /** Settles when the last task queued so far has finished. */
  tail: Promise<void>;
  /** Earliest time the next task may start. */
  notBefore: number;
}

/** Creates a host queue (see the module comment). */
export function createHostQueue(options: HostQueueOptions = {}): HostQueue {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const lanes = new Map<string, Lane>();

  function lane(key: string): Lane {
    let found = lanes.get(key);
    if (!found) {
      found = { tail: Promise.resolve(), notBefore: 0 };
      lanes.set(key, found);
    }
    return found;
  }

  async function waitTurn(current: Lane): Promise<void> {
    // A hold may be extended while we sleep (another caller got a 503): look again after waking.
    for (let wait = current.notBefore - now(); wait > 0; wait = current.notBefore - now()) {
      await sleep(wait);
    }
  }

  return {
    run<T>(key: string, spacingMs: number, task: () => Promise<T>): Promise<T> {
      const current = lane(key);
      const result = current.tail.then(async () => {
        await waitTurn(current);
        try {
          return await task();
        } finally {
          current.notBefore = Math.max(current.notBefore, now() + spacingMs);
        }
      });
      current.tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    holdUntil(key: string, atMs: number): void {
      const current = lane(key);
      current.notBefore = Math.max(current.notBefore, atMs);
    },
  };
}

/** The process-wide queue every service client uses unless a test passes its own. */
export const sharedHostQueue: HostQueue = createHostQueue();
