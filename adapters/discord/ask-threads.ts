import type { AskTurn } from '../../src/index.ts';
import { createExpiringMap } from '../shared/expiring-map.ts';
import { plainLine } from './text.ts';

/**
 * The threads Shammie opened on its answers to /ask, with the questions asked in each so far: a
 * later /ask inside such a thread is asked with them as context. A slash command is how a
 * follow-up reaches the bot there (a plain message would need the privileged Message Content
 * intent). Kept in memory, bounded, and forgotten a day after a thread's last question.
 */

/** How long a thread's questions are remembered after its last one. */
export const ASK_THREAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Threads remembered at most; the oldest go first. */
export const ASK_THREAD_LIMIT = 5000;
/** Questions kept per thread (the core uses the last few as context). */
export const ASK_THREAD_TURNS = 5;
/** A thread opened on an answer archives after a day without messages (minutes). */
export const ASK_THREAD_ARCHIVE_MINUTES = 1440;
/** Longest thread name Discord accepts. */
const THREAD_NAME_MAX = 100;

export interface AskThreads {
  /** The questions asked so far in a thread Shammie opened; undefined for any other channel. */
  turns(channelId: string): readonly AskTurn[] | undefined;
  /** Records a question asked in a thread (opening it when it is new to the map). */
  add(channelId: string, turn: AskTurn): void;
}

export interface AskThreadsOptions {
  now?: () => number;
  ttlMs?: number;
  maxThreads?: number;
}

/** An empty memory of ask threads (see `AskThreads`). */
export function createAskThreads(options: AskThreadsOptions = {}): AskThreads {
  const threads = createExpiringMap<AskTurn[]>({
    ttlMs: options.ttlMs ?? ASK_THREAD_TTL_MS,
    maxEntries: options.maxThreads ?? ASK_THREAD_LIMIT,
    now: options.now ?? Date.now,
  });
  return {
    turns: (channelId) => threads.get(channelId),
    add(channelId, turn) {
      const earlier = threads.get(channelId) ?? [];
      threads.set(channelId, [...earlier, turn].slice(-ASK_THREAD_TURNS));
    },
  };
}

/** The name of the thread on an answer: "Ask: <question>", at most 100 characters. */
export function askThreadName(question: string): string {
  return plainLine(`Ask: ${question}`, THREAD_NAME_MAX) || 'Ask';
}
