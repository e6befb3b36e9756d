import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Edits of one message spaced at least `intervalMs` apart: a model's answer grows for seconds,
 * and Discord wants a message edited at most about once a second. Progress that arrives while
 * an edit waits replaces it (only the newest is worth showing); the last edit waits for the one
 * in flight and for the interval, so it always lands last.
 */

/** Shortest time between two edits of an answer. */
export const EDIT_INTERVAL_MS = 1000;

export interface PacedEdits {
  /** Shows this progress next, no sooner than the interval allows; a failure is only reported. */
  show(edit: () => Promise<unknown>): void;
  /** Drops progress not shown yet, then makes the last edit, paced like the others. */
  finish<T>(edit: () => Promise<T>): Promise<T>;
}

/** The clock edits are paced by: what time it is, and a wait (injected by tests). */
export interface EditClock {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

export interface PacedEditsOptions {
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
  /** Told when a progress edit fails (the last edit's failure is thrown instead). */
  onError?: (error: unknown) => void;
}

/** Paces the edits of one message (see `PacedEdits`). */
export function createPacedEdits(options: PacedEditsOptions = {}): PacedEdits {
  const interval = options.intervalMs ?? EDIT_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  let last = Number.NEGATIVE_INFINITY;
  let next: (() => Promise<unknown>) | undefined;
  let running: Promise<void> | undefined;
  let finished = false;

  const pace = async () => {
    const left = last + interval - now();
    if (left > 0) await wait(left);
  };
  const drain = async () => {
    while (next && !finished) {
      await pace();
      const edit = next;
      next = undefined;
      if (finished || !edit) break;
      last = now();
      try {
        await edit();
      } catch (error) {
        options.onError?.(error);
      }
    }
    running = undefined;
  };

  return {
    show(edit) {
      if (finished) return;
      next = edit;
      running ??= drain();
    },
    async finish(edit) {
      finished = true;
      next = undefined;
      await running;
      await pace();
      last = now();
      return edit();
    },
  };
}
