import { corpusStamp } from '../shared/corpus-stamp.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * Noticing that the corpus files changed while the bot runs, by polling a cheap stamp of them
 * (paths, sizes, modification times, inodes: one stat per file) rather than with `fs.watch`.
 * Why polling: `fs.watch` loses a file that an editor or a deploy replaces by renaming over it,
 * says nothing on network and container-mounted file systems, and its recursive mode on Linux
 * is recent in Node 20; a stat per file every few seconds costs next to nothing, behaves the
 * same everywhere, and runs on an injected timer, so tests drive it without waiting.
 */

/** How often the corpus files are looked at. A change is acted on one quiet poll later. */
export const CORPUS_POLL_MS = 3_000;

/** The timer the watcher polls on (the global one by default; tests fire it by hand). */
export interface PollTimer {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** What one poll saw. */
export type PollResult =
  /** Nothing changed since the last change acted on. */
  | 'same'
  /** The files differ from the last look: wait until they stop changing. */
  | 'changing'
  /** The files changed and then stayed the same for a whole poll: `onChange` was called. */
  | 'changed'
  /** A poll was still running (a slow disk): this one did nothing. */
  | 'busy';

export interface CorpusWatcherOptions {
  corpus: string;
  /** Called once per settled change (a burst of writes makes one call). */
  onChange: () => void;
  logger: Logger;
  intervalMs?: number;
  timer?: PollTimer;
}

export interface CorpusWatcher {
  /**
   * Records how the files are now, as the state the current engine was built from. Take it
   * before the engine is opened, so a change made while it indexes is still seen.
   */
  baseline(): Promise<void>;
  /** Polls every `intervalMs` until stopped. */
  start(): void;
  /** One look at the files (what the timer runs). */
  poll(): Promise<PollResult>;
  stop(): void;
}

/** Node's own timer, unref'd: a poll of files or of the database keeps no process alive. */
export const GLOBAL_TIMER: PollTimer = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    // Watching is no reason to keep the process alive.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/**
 * Watches the corpus files. Changes are debounced: a change is acted on only once two polls
 * in a row see the same new state, so a file still being copied or a burst of saves makes one
 * reload, after it ends.
 */
export function createCorpusWatcher(options: CorpusWatcherOptions): CorpusWatcher {
  const { corpus, onChange, logger } = options;
  const timer = options.timer ?? GLOBAL_TIMER;
  const intervalMs = options.intervalMs ?? CORPUS_POLL_MS;
  let applied: string | undefined;
  let candidate: string | undefined;
  let polling = false;
  let handle: unknown;
  let stopped = false;

  async function look(): Promise<PollResult> {
    const now = await corpusStamp(corpus);
    if (stopped) return 'same';
    if (now === applied) {
      candidate = undefined;
      return 'same';
    }
    if (now !== candidate) {
      candidate = now;
      return 'changing';
    }
    applied = now;
    candidate = undefined;
    logger.info({ corpus }, 'the corpus files changed: reloading');
    onChange();
    return 'changed';
  }

  async function poll(): Promise<PollResult> {
    if (polling || stopped) return 'busy';
    polling = true;
    try {
      return await look();
    } finally {
      polling = false;
    }
  }

  return {
    async baseline() {
      applied = await corpusStamp(corpus);
      candidate = undefined;
    },
    start() {
      if (stopped || handle !== undefined) return;
      handle = timer.setInterval(() => {
        poll().catch((error: unknown) => {
          logger.error({ err: error, corpus }, 'watching the corpus failed');
        });
      }, intervalMs);
    },
    poll,
    stop() {
      stopped = true;
      if (handle !== undefined) timer.clearInterval(handle);
      handle = undefined;
    },
  };
}
