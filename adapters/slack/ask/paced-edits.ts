/**
 * Edits of one Slack message, paced: at most one `chat.update` per interval, never two at once,
 * and only the newest text sent (a version overtaken while waiting is skipped). Slack allows
 * about 50 `chat.update` calls a minute per workspace (Tier 3); one a second per message keeps
 * a streaming answer well inside that, and the Web API client waits out any 429's Retry-After
 * before the next edit goes.
 */

/** Shortest time between two writes of the same message. */
export const EDIT_INTERVAL_MS = 1000;

/** The clock edits are paced by: what time it is, and a wait (injected by tests). */
export interface EditClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface PacedEditsOptions<M> {
  /** Sends one version of the message (`chat.update`); may reject. */
  send(message: M): Promise<void>;
  /** Told about a failed edit; `final` when it was the last version and it was tried twice. */
  onError(error: unknown, final: boolean): void;
  intervalMs?: number;
  /** Milliseconds clock (injected; default `Date.now`). */
  now?: () => number;
  /** Waits (injected; default a timer). */
  sleep?: (ms: number) => Promise<void>;
}

export interface PacedEdits<M> {
  /** A newer version while the answer grows: sent when its turn comes, unless overtaken. */
  show(message: M): void;
  /**
   * The last version: sent once the edits before it are done and the interval has passed, and
   * sent once more if that fails (an edit is safe to repeat). Later `show` calls are ignored.
   */
  finish(message: M): Promise<void>;
}

/**
 * Paces the edits of a message whose post was answered at `writtenAt` (the post counts as a
 * write: the first edit waits its interval too).
 */
export function createPacedEdits<M>(
  writtenAt: number,
  options: PacedEditsOptions<M>,
): PacedEdits<M> {
  const interval = options.intervalMs ?? EDIT_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let lastWrite = writtenAt;
  let pending: { message: M } | undefined;
  let running: Promise<void> | undefined;
  let finished = false;

  const waitTurn = async (): Promise<void> => {
    const wait = lastWrite + interval - now();
    if (wait > 0) await sleep(wait);
  };
  // The interval runs from the end of the previous write: however long a call takes to reach
  // Slack, two of them arrive at least an interval apart.
  const write = async (message: M): Promise<void> => {
    try {
      await options.send(message);
    } finally {
      lastWrite = now();
    }
  };

  const pump = async (): Promise<void> => {
    while (pending && !finished) {
      await waitTurn();
      // The final version may have arrived while this one waited: it wins.
      if (finished || !pending) return;
      const { message } = pending;
      pending = undefined;
      try {
        await write(message);
      } catch (error) {
        options.onError(error, false);
      }
    }
  };

  return {
    show(message) {
      if (finished) return;
      pending = { message };
      running ??= pump().finally(() => {
        running = undefined;
      });
    },
    async finish(message) {
      finished = true;
      pending = undefined;
      await running;
      for (let attempt = 1; ; attempt++) {
        await waitTurn();
        try {
          await write(message);
          return;
        } catch (error) {
          if (attempt >= 2) {
            options.onError(error, true);
            return;
          }
        }
      }
    },
  };
}
