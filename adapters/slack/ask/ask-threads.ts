import type { AskTurn } from '../../../src/index.ts';
import { createExpiringMap } from '../../shared/expiring-map.ts';

/**
 * The questions already asked in each thread an answer lives in, so that a follow-up asked
 * there is answered with them as context. Bounded and forgotten after a day: a thread older
 * than that starts afresh, and a restart forgets every thread.
 */

/** How long a thread's earlier questions are kept. */
export const ASK_THREAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Threads remembered at most; the oldest are forgotten first. */
export const ASK_THREADS_MAX = 5_000;
/** Earlier questions kept per thread (the core reads the last few of them). */
export const ASK_TURNS_KEPT = 10;

export interface AskThreads {
  /** The earlier questions of the thread `threadTs` of `channel`, oldest first (none: empty). */
  history(channel: string, threadTs: string | undefined): AskTurn[];
  /**
   * Records that `question` was answered after `history`, under each thread it may be followed
   * up in: the thread the answer was posted in, and the thread the answer message itself starts.
   */
  remember(
    channel: string,
    threads: ReadonlyArray<string | undefined>,
    history: readonly AskTurn[],
    question: string,
  ): void;
}

export function createAskThreads(options: { now: () => number }): AskThreads {
  const threads = createExpiringMap<AskTurn[]>({
    ttlMs: ASK_THREAD_TTL_MS,
    maxEntries: ASK_THREADS_MAX,
    now: options.now,
  });
  const key = (channel: string, ts: string) => `${channel}:${ts}`;
  return {
    history: (channel, threadTs) =>
      threadTs === undefined ? [] : [...(threads.get(key(channel, threadTs)) ?? [])],
    remember(channel, where, history, question) {
      const turns = [...history, { question }].slice(-ASK_TURNS_KEPT);
      for (const ts of new Set(where)) {
        if (ts !== undefined) threads.set(key(channel, ts), turns);
      }
    },
  };
}
